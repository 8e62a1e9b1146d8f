"""What keeps the web interface safe to run: headers on every response, the write token, and
the rule that a server reachable from other machines must have a token.

Pages carry no inline script or style (CSP ``'self'`` only), so an article that smuggles
``<script>`` past the escaping still cannot run anything.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from lagebild.errors import ConfigError

#: Sent with every response. No inline scripts or styles, nothing from other origins, no
#: plugins, no <base> rewriting, never framed (clickjacking), forms post only here.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # article ids in URLs are nobody else's business
    "X-Frame-Options": "DENY",  # frame-ancestors for old browsers
    "Cross-Origin-Opener-Policy": "same-origin",
}
TOKEN_HINT = (
    "Set a write token first: export LAGEBILD_TOKEN=$(python -c 'import secrets; "
    'print(secrets.token_urlsafe(32))\') (or token = "..." in lagebild.toml)'
)


async def add_security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """HTTP middleware: the security headers on every response, errors included."""
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def is_loopback(host: str) -> bool:
    """Whether ``host`` (as given to ``--host``) only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a write token: anyone on the network could
    otherwise fill the store. Raises ConfigError saying how to set the token."""
    if is_loopback(host) or token:
        return
    raise ConfigError(
        f"Refusing to listen on '{host}' without a write token: other machines could reach "
        f"the server. {TOKEN_HINT}, or listen on 127.0.0.1."
    )


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def safe_url(url: str | None) -> str | None:
    """``url`` if it may be a link (http or https), else None: ``javascript:``, ``data:``
    and the like are shown as text, never as a link."""
    if not url:
        return None
    scheme, sep, _ = url.strip().partition(":")
    if sep and scheme.lower() in {"http", "https"}:
        return url.strip()
    return None
