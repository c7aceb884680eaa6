"""``sitroom serve``: the REST API and the web workspace over a store (extra ``api``)."""
from __future__ import annotations

import ipaddress

import click

from sitroom.cli.ingest import db_option


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the store to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False),
              help="Write tokens, one a line (TOKEN or NAME TOKEN) [also env SITROOM_TOKEN]. "
                   "Without a token the server is read-only.")
@click.option("--tiles", "tile_url", metavar="URL",
              help="XYZ tile URL template (https://host/{z}/{x}/{y}.png) drawn under the outlines; "
                   "pages then load images from that host.")
@click.option("--max-page", type=click.IntRange(1, 500), default=500, show_default=True,
              help="Largest page of a list.")
def serve(db_url, host, port, token_file, tile_url, max_page):
    """Serve the REST API (/api/v1, docs at /api/docs) and the web workspace (/) over a store.

    \b
    Examples:
      sitroom serve --db store.sqlite                       # http://127.0.0.1:8765/, read-only
      SITROOM_TOKEN=$(cat token) sitroom serve --db store.sqlite
      sitroom serve --db postgresql://me@localhost/news --token-file tokens.txt --port 9000
    """
    from sitroom.errors import MissingDependency

    try:
        import uvicorn
    except ImportError as exc:
        raise MissingDependency("sitroom serve needs the 'api' extra: pip install 'sitroom[api,db]'") from exc
    from sitroom.cli.files import _describe, require_store
    from sitroom.server import ServerConfig, create_app, read_tokens
    from sitroom.store.db import normalise_url


    if tile_url and not tile_url.startswith(("https://", "http://")):
        raise click.BadParameter("an http(s) URL template with {z}, {x} and {y}", param_hint="--tiles")
    require_store(normalise_url(db_url), shown=_describe(db_url))  # serving never creates a database
    tokens = read_tokens(token_file)
    if not _is_loopback(host):
        click.echo(f"serve: listening on {host}: anyone who can reach this address can read the store", err=True)
    app = create_app(ServerConfig(db=db_url, tokens=tokens, tile_url=tile_url, max_page=max_page))
    mode = "read-only" if not tokens else f"writes for {len(tokens)} token(s)"
    click.echo(f"serve: http://{host}:{port}/ ({mode}); API docs at /api/docs; Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
