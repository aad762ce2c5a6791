"""OpenGraph and Twitter-card tags: how a page looks when its link is shared.

Both need absolute addresses, so they are only made when `site_url` is set.
"""

from __future__ import annotations

from summitnotes import urls
from summitnotes.model import SiteConfig
from summitnotes.views import MetaTag

ARTICLES = {"interview", "note"}


def social_tags(
    config: SiteConfig, kind: str, path: str, title: str, description: str, image: str
) -> tuple[MetaTag, ...]:
    """`image` is a file of the site or an absolute URL; empty when there is none."""
    if not config.site_url or kind == "notfound":
        return ()
    if image and "://" not in image:
        image = urls.address(image, config.site_url, None)
    og = [
        ("og:type", "article" if kind in ARTICLES else "website"),
        ("og:title", title),
        ("og:site_name", config.title),
        ("og:url", urls.address(path, config.site_url, None)),
        ("og:locale", config.language.replace("-", "_")),
        ("og:description", description),
        ("og:image", image),
    ]
    twitter = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
        ("twitter:image", image),
    ]
    return tuple(MetaTag("property", k, v) for k, v in og if v) + tuple(
        MetaTag("name", k, v) for k, v in twitter if v
    )
