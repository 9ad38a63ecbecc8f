"""PDF documents (minutes, invitation letters, later NRM and intelligence exports) from Jinja
templates, through WeasyPrint.

A PDF leaves the service, so it is built from our own template and styles only: the fetcher refuses
every outside resource, which keeps a link or an image URL typed into a record from making the
server fetch it."""

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

PDF_STYLES = CSS(string="""
@page { size: A4; margin: 20mm 18mm; @bottom-right { content: "Page " counter(page) " of " counter(pages);
        font-size: 9pt; color: #505a5f; } }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #0b0c0c; }
h1 { font-size: 20pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
.marking { font-weight: bold; letter-spacing: 0.05em; text-align: center; margin-bottom: 6mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 4mm; }
th, td { border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; padding: 2mm 2mm 2mm 0; }
th { font-weight: bold; }
dl { margin: 0 0 4mm; } dt { font-weight: bold; margin-top: 2mm; } dd { margin: 0 0 1mm; white-space: pre-wrap; }
.text { white-space: pre-wrap; }
.large { font-size: 14pt; line-height: 1.5; }
""")


class OutsideResourceRefused(Exception):
    pass


class RefusingFetcher(URLFetcher):
    """Fetches nothing: a resource named in the document is left out (WeasyPrint logs a warning)."""

    def fetch(self, url, headers=None):
        raise OutsideResourceRefused("PDFs are built from the service's own template only.")


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, url_fetcher=RefusingFetcher()).write_pdf(stylesheets=[PDF_STYLES])


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))
