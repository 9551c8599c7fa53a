"""The footer a Chinese government website shows, from ``content/site.yml``, escaped once for the theme.

《政府网站发展指引》 asks every government site to show its 主办单位, 承办单位,
联系方式, 网站标识码, ICP备案号 and 公安机关备案号 at the foot of every page,
and sites certified by the 党政机关网站标识 programme link to their certificate.
The theme's templates print what they are given without escaping, so every value
here is already HTML (:func:`pubgen.escape.html_text`) and links are built by pubgen
from checked values, never taken from editors' text as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import model as m
from .escape import html_text

ICP_LOOKUP = "https://beian.miit.gov.cn/"
"""Where the Ministry of Industry and Information Technology lets anyone look an ICP record up."""
POLICE_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code="
"""The Ministry of Public Security's look-up page for one 公安机关备案号 (its 14 digits follow)."""


@dataclass(slots=True, frozen=True)
class FooterLink:
    """A link in the footer: its text and address, both HTML-escaped."""

    text: Markup
    href: Markup


@dataclass(slots=True, frozen=True)
class Footer:
    """What the footer shows; an empty field is shown as nothing at all."""

    site_name: Markup
    publisher: Markup
    operator: Markup
    contact: Markup
    site_code: Markup
    icp: FooterLink | None
    police: FooterLink | None
    conac: FooterLink | None

    @property
    def empty(self) -> bool:
        """True when ``site.yml`` sets none of the footer's fields."""
        return not (self.publisher or self.operator or self.contact or self.site_code or self.icp or self.police or self.conac)


def footer_of(site: m.Site) -> Footer:
    """The footer for ``site``: editors' text escaped, look-up links built from the checked record numbers."""
    police_digits = site.police_record_number
    return Footer(
        site_name=html_text(site.title),
        publisher=html_text(site.publisher),
        operator=html_text(site.operator),
        contact=html_text(site.contact),
        site_code=html_text(site.site_code or ""),
        icp=FooterLink(html_text(site.icp_record), html_text(ICP_LOOKUP)) if site.icp_record else None,
        police=(
            FooterLink(html_text(site.police_record or ""), html_text(POLICE_LOOKUP + police_digits)) if police_digits else None
        ),
        conac=FooterLink(html_text("党政机关网站标识"), html_text(site.conac_url)) if site.conac_url else None,
    )
