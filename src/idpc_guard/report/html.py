"""The HTML review page: one self-contained file a reviewer opens in a browser.

Every page of the bundle is shown as an image with the findings drawn over it
as boxes coloured by action; a side panel lists document-level issues first,
then the findings (reason, rule, severity), each a link to its page, with
filters by action and entity. The reviewer decides each finding there and saves the
decisions to a file (:mod:`idpc_guard.report.html_review`). Nothing is fetched from the
network: styles, script and images are inline, and a Content-Security-Policy forbids
the rest.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Sequence
from html import escape
from pathlib import PurePath

from idpc_guard.model import Action, Finding, Report
from idpc_guard.read.pictures import PageImage
from idpc_guard.report.html_review import (
    REVIEW_SCRIPT,
    REVIEW_STYLE,
    finding_attributes,
    finding_controls,
    page_controls,
    person_controls,
    review_panel,
    term_counts,
    term_ids,
)

_VERDICT_TEXT = {
    "clear": "CLEAR: nothing to redact or review",
    "review": "REVIEW: redactions proposed or items need a decision",
    "block": "BLOCK: do not serve this bundle as it is",
}
_CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
_STYLE = """
:root{--redact:#c62828;--review:#ef8f00;--keep:#2e7d32;--side:26rem}
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#eceff1}
#side{position:fixed;top:0;left:0;bottom:0;width:var(--side);overflow-y:auto;
 overflow-x:hidden;overflow-wrap:break-word;
 background:#fff;border-right:1px solid #ccc;padding:.75rem}
#pages{margin-left:var(--side);padding:1rem}
h1{font-size:1.1rem;margin:.2rem 0}
h2{font-size:.95rem;margin:.8rem 0 .3rem}
.verdict{padding:.4rem .6rem;border-radius:4px;font-weight:700;color:#fff}
.verdict.block{background:var(--redact)}.verdict.review{background:var(--review)}
.verdict.clear{background:var(--keep)}
.issue{background:#fdecea;border-left:4px solid var(--redact);padding:.3rem .5rem;margin:.3rem 0}
table{border-collapse:collapse;width:100%;font-size:12px}
td,th{border-bottom:1px solid #e0e0e0;padding:2px 4px;text-align:left}
.filters label{margin-right:.6rem;white-space:nowrap}
.filters select{max-width:100%}
#findings{list-style:none;padding:0;margin:0}
#findings li a{display:block;padding:.3rem .4rem;border-left:5px solid;margin:.2rem 0;
 color:inherit;text-decoration:none;background:#fafafa}
#findings li a:hover,#findings li a:focus{background:#e3f2fd}
.a-redact{border-color:var(--redact)!important}.a-review{border-color:var(--review)!important}
.a-keep{border-color:var(--keep)!important}
.tag{font-size:11px;padding:0 4px;border-radius:3px;background:#eee;margin-right:3px}
.reason{font-size:12px;color:#444}
.page{position:relative;margin:0 auto 1.5rem;background:#fff;box-shadow:0 1px 4px #0004;
 max-width:1000px}
.page img{display:block;width:100%;height:auto}
.page h3{margin:0;padding:.3rem .5rem;font-size:.9rem;background:#37474f;color:#fff}
.removed{background:#fdecea;color:var(--redact);padding:.3rem .5rem;font-weight:700}
.canvas{position:relative}
.box{position:absolute;border:2px solid;background:transparent}
.box.a-redact{background:#c628282e}.box.a-review{background:#ef8f002e}
.box.a-keep{background:#2e7d321f}
.box.flash{outline:4px solid #1565c0;outline-offset:2px}
.hidden{display:none!important}
.legend span{margin-right:.6rem}
"""
_SCRIPT = """
(function(){
 const byId=id=>document.getElementById(id);
 function apply(){
  const acts=new Set([...document.querySelectorAll('.f-action:checked')].map(e=>e.value));
  const ent=byId('f-entity').value;
  document.querySelectorAll('[data-action]').forEach(el=>{
   const ok=acts.has(el.dataset.action)&&(ent===''||el.dataset.entity===ent);
   el.classList.toggle('hidden',!ok);
  });
  const shown=document.querySelectorAll('#findings li:not(.hidden)').length;
  byId('shown').textContent=shown;
 }
 document.querySelectorAll('.f-action').forEach(e=>e.addEventListener('change',apply));
 byId('f-entity').addEventListener('change',apply);
 document.querySelectorAll('#findings a').forEach(a=>a.addEventListener('click',ev=>{
  ev.preventDefault();
  const page=byId(a.dataset.page);
  page.scrollIntoView({block:'start'});
  document.querySelectorAll('.flash').forEach(b=>b.classList.remove('flash'));
  const box=byId('box-'+a.dataset.finding);
  if(box){box.classList.add('flash');}
  history.replaceState(null,'','#'+a.dataset.page);
 }));
 apply();
})();
"""


def render_html(report: Report, images: Sequence[PageImage]) -> str:
    """The review page for ``report``, with ``images`` of the bundle's pages."""
    decisions = report.decisions
    findings = decisions.findings
    by_page: dict[int, list[Finding]] = {}
    for f in findings:
        by_page.setdefault(f.detection.page, []).append(f)
    removed = {
        a.page: f"{a.reason} (CPS: {a.cps_reason})" if a.cps_reason else a.reason
        for a in decisions.page_actions
    }
    verdict = decisions.verdict.value
    name = PurePath(report.bundle.path).name
    terms = term_ids(findings)
    counts = term_counts(terms)
    head = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{_CSP}\">"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        "<meta name='referrer' content='no-referrer'>"
        f"<title>idpc-guard review: {escape(report.bundle.path)}</title>"
        f"<style>{_STYLE}{REVIEW_STYLE}</style></head><body>"
    )
    side = [
        "<nav id='side'>",
        f"<h1 title='{escape(report.bundle.path)}'>{escape(name)}</h1>",
        f"<div class='verdict {verdict}' id='verdict'>{escape(_VERDICT_TEXT[verdict])}</div>",
        f"<p>{report.bundle.page_count} page(s), {len(report.documents)} document(s); "
        f"URN {escape(report.case.urn or 'unknown')}; idpc-guard {escape(report.tool_version)}"
        "</p>",
        *_issues(report),
        *_documents(report),
        *_people(report),
        *review_panel(report),
        *_exposure(report),
        *_filters(findings),
        f"<h2>Findings (<span id='shown'>{len(findings)}</span> shown)</h2>",
        "<ul id='findings'>",
        *(_finding_item(f, terms, counts) for f in findings),
        "</ul></nav>",
    ]
    main = ["<main id='pages'>"]
    for image in images:
        main.append(_page(image, by_page.get(image.page, []), removed.get(image.page)))
    main.append("</main>")
    scripts = f"<script>{_SCRIPT}</script><script>{REVIEW_SCRIPT}</script>"
    return head + "".join(side) + "".join(main) + scripts + "</body></html>\n"


def _issues(report: Report) -> list[str]:
    issues = report.decisions.document_issues
    if not issues:
        return ["<h2>Document issues</h2><p>None found.</p>"]
    out = [f"<h2>Document issues ({len(issues)})</h2>"]
    for issue in issues:
        pages = ", ".join(str(p + 1) for p in issue.pages)
        links = " ".join(f"<a href='#page-{p + 1}'>p.{p + 1}</a>" for p in issue.pages)
        out.append(
            f"<div class='issue' data-kind='{escape(issue.kind.value)}'>"
            f"<b>{escape(issue.kind.value.replace('_', ' '))}</b> (page {pages}) {links}<br>"
            f"{escape(issue.detail)}</div>"
        )
    return out


def _documents(report: Report) -> list[str]:
    rows = [
        "<h2>Documents</h2><table><tr><th>#</th><th>kind</th><th>pages</th>",
        "<th>redact</th><th>review</th><th>keep</th></tr>",
    ]
    for doc in report.documents:
        counts = Counter(
            f.action for f in report.decisions.findings if f.detection.document == doc.index
        )
        first, last = doc.pages[0] + 1, doc.pages[-1] + 1
        pages = f"{first}" if first == last else f"{first}-{last}"
        rows.append(
            f"<tr><td>{doc.index + 1}</td><td>{escape(doc.kind.value)}</td>"
            f"<td><a href='#page-{first}'>{pages}</a></td>"
            f"<td>{counts[Action.REDACT]}</td><td>{counts[Action.REVIEW]}</td>"
            f"<td>{counts[Action.KEEP]}</td></tr>"
        )
    rows.append("</table>")
    return rows


def _exposure(report: Report) -> list[str]:
    """Per protected person, what their statements leave that could lead to them."""
    exposed = report.decisions.exposure
    if not exposed:
        return []
    rows = [
        f"<h2>What still points to a protected person ({len(exposed)})</h2>"
        "<table id='exposure'><tr><th>person</th><th>role</th><th>home</th><th>left in the copy"
        "</th></tr>"
    ]
    for e in exposed:
        items = ", ".join(
            f"<a href='#item-{escape(i.finding)}'>{escape(i.kind)} p.{i.page + 1}</a>"
            f" ({escape(i.suggest.value)})"
            for i in e.items
        )
        home = "can be inferred" if e.home else "-"
        rows.append(
            f"<tr><td>{escape(e.person or 'maker of document ' + str(e.documents[0]))}</td>"
            f"<td>{escape(e.role.value.replace('_', ' '))}</td><td>{home}</td>"
            f"<td>{items}</td></tr>"
        )
    rows.append("</table>")
    return rows


def _people(report: Report) -> list[str]:
    people = report.decisions.people
    if not people:
        return []
    rows = [
        f"<h2>People ({len(people)})</h2><table id='people'><tr><th>id</th><th>role</th>",
        "<th>names</th><th>redact</th><th>review</th><th>keep</th><th>decide</th></tr>",
    ]
    for person in people:
        first = person.findings[0] if person.findings else ""
        rows.append(
            f"<tr data-person='{escape(person.id)}' data-role='{escape(person.role.value)}'>"
            f"<td><a href='#item-{escape(first)}'>{escape(person.id)}</a></td>"
            f"<td>{escape(person.role.value.replace('_', ' '))}</td>"
            f"<td title='{escape('; '.join(person.evidence))}'>"
            f"{escape(' / '.join(person.names))}</td>"
            f"<td>{person.redacted}</td><td>{person.review}</td><td>{person.kept}</td>"
            f"{person_controls(person)}</tr>"
        )
    rows.append("</table>")
    return rows


def _filters(findings: Sequence[Finding]) -> list[str]:
    actions = Counter(f.action for f in findings)
    entities = sorted({f.detection.entity for f in findings})
    boxes = "".join(
        f"<label><input type='checkbox' class='f-action' value='{a.value}' "
        f"{'' if a is Action.KEEP else 'checked'}> <span class='tag a-{a.value}' "
        f"style='border-left:5px solid'>{a.value}</span> {actions[a]}</label>"
        for a in (Action.REDACT, Action.REVIEW, Action.KEEP)
    )
    options = "".join(f"<option value='{escape(e)}'>{escape(e)}</option>" for e in entities)
    return [
        "<h2>Filter</h2><div class='filters'>",
        boxes,
        "<br><label>Entity <select id='f-entity'><option value=''>all</option>",
        options,
        "</select></label></div>",
    ]


def _finding_item(f: Finding, terms: dict[str, str], counts: dict[str, int]) -> str:
    d = f.detection
    attrs = f"data-action='{f.action.value}' data-entity='{escape(d.entity)}'"
    attrs += finding_attributes(f, terms)
    return (
        f"<li {attrs}><a href='#page-{d.page + 1}' id='item-{escape(f.id)}' "
        f"class='a-{f.action.value}' data-page='page-{d.page + 1}' data-finding='{escape(f.id)}'>"
        f"<span class='tag'>p.{d.page + 1}</span><span class='tag'>{f.action.value}</span>"
        f"<span class='tag'>{f.severity.value}</span><b>{escape(d.entity)}</b> "
        + (f"<span class='tag cps'>{escape(f.cps_type)}</span> " if f.cps_type else "")
        + f"<span class='value'>{escape(d.text)}</span><br>"
        f"<span class='reason'>{escape(f.reason)} [rule {escape(f.rule)}]</span></a>"
        f"{finding_controls(f, terms, counts)}</li>"
    )


def _page(image: PageImage, findings: Sequence[Finding], removed: str | None) -> str:
    number = image.page + 1
    data = base64.b64encode(image.png).decode("ascii")
    parts = [f"<section class='page' id='page-{number}'><h3>Page {number}</h3>"]
    if removed is not None:
        parts.append(f"<div class='removed'>Page to be removed: {escape(removed)}</div>")
    parts.append(page_controls(number))
    parts.append(
        f"<div class='canvas'><img alt='page {number}' src='data:image/png;base64,{data}'>"
    )
    for f in findings:
        for i, box in enumerate(f.detection.boxes):
            left = 100 * box.x0 / image.width
            top = 100 * box.y0 / image.height
            width = 100 * (box.x1 - box.x0) / image.width
            height = 100 * (box.y1 - box.y0) / image.height
            box_id = f" id='box-{escape(f.id)}'" if i == 0 else ""
            parts.append(
                f"<div class='box a-{f.action.value}'{box_id} "
                f"data-action='{f.action.value}' data-entity='{escape(f.detection.entity)}' "
                f"data-finding='{escape(f.id)}' "
                f"title='{escape(f.id)} {f.action.value} {escape(f.detection.entity)}' "
                f"style='left:{left:.3f}%;top:{top:.3f}%;width:{width:.3f}%;"
                f"height:{height:.3f}%'></div>"
            )
    parts.append("</div></section>")
    return "".join(parts)
