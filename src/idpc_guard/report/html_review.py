"""The review controls of the HTML review page: decide, then save a decisions file.

Each finding gets Accept and Reject (a review item: Redact and Keep) and a choice of
action; every occurrence of a term and every value of a person can be accepted or
rejected at once; a page can be removed or kept; "Accept all" is enabled only once the
reviewer has ticked the attestation and typed it in full. Nothing leaves the page
but a download: "Save decisions" writes a small JSON file (finding ids, decisions,
reasons; no values) that ``idpc-guard review REPORT --import FILE`` checks against the
report's fingerprint and records. No server, no network: inline script only.

The semantics are :mod:`idpc_guard.report.review`'s: accept and reject are measured
from the proposal, a group decision leaves review items to be decided one by one, and
"accept all" accepts only what is not decided yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import PurePath

from idpc_guard.model import Action, CasePerson, Finding, Report
from idpc_guard.report.json import report_dict
from idpc_guard.report.review import ATTESTATION, DECISIONS_SCHEMA, findings_fingerprint, term_key

REVIEW_STYLE = """
#review label{display:block;margin:.2rem 0}
#review input[type=text]{width:100%}
#review fieldset{border:1px solid #ccc;margin:.4rem 0;padding:.3rem .5rem}
#review .status{font-size:12px;color:#1565c0;min-height:1.2em}
.controls{display:flex;flex-wrap:wrap;gap:3px;padding:0 .4rem .3rem}
.controls button,.controls select,.pagectl button{font-size:11px;padding:1px 5px}
.decided{font-size:11px;font-weight:700;color:#1565c0;margin-left:.3rem}
.pagectl{padding:.2rem .5rem;background:#eceff1}
"""

REVIEW_SCRIPT = r"""
(function(){
 const root=document.getElementById('review');
 if(!root){return;}
 const $=id=>document.getElementById(id);
 const decisions=[];
 const decided=new Set();
 const plain=t=>t.split(/\s+/).filter(Boolean).join(' ').toLowerCase().replace(/\.+$/,'');
 const items=()=>[...document.querySelectorAll('#findings li[data-finding]')];
 function say(text){$('rv-status').textContent=text;}
 function reason(required){
  const r=$('rv-reason').value.trim();
  if(required&&!r){say('Give a reason first: it is recorded with the decision.');return null;}
  return r;
 }
 function opposite(a){return a==='redact'?'keep':'redact';}
 function show(li,action,label){
  li.dataset.action=action;
  const a=li.querySelector('a');
  a.className='a-'+action;
  li.querySelector('.now').textContent=action;
  li.querySelector('.decided').textContent=label;
  const f=li.dataset.finding;
  document.querySelectorAll('.box[data-finding="'+f+'"]').forEach(b=>{
   b.dataset.action=action;b.classList.remove('a-redact','a-keep','a-review');
   b.classList.add('a-'+action);
  });
  decided.add(f);
 }
 // One decision on some findings; review items are left (none is a proposal).
 function decide(kind,lis,why){
  let done=0,left=0;
  lis.forEach(li=>{
   const p=li.dataset.proposal;
   if(p==='review'){left++;return;}
   show(li,kind==='accept'?p:opposite(p),kind==='accept'?'accepted':'rejected');done++;
  });
  return [done,left];
 }
 function record(entry,text){
  decisions.push(entry);
  $('rv-count').textContent=decisions.length;
  say(text);
 }
 function group(kind,scope,li){
  const why=reason(kind==='reject');if(why===null){return;}
  let lis,entry;
  if(scope==='term'){
   lis=items().filter(x=>x.dataset.term===li.dataset.term);
   entry={decision:kind,finding:li.dataset.finding,scope:'term',reason:why};
  }else if(scope==='person'){
   lis=items().filter(x=>x.dataset.person===li.dataset.person);
   entry={decision:kind,person:li.dataset.person,scope:'person',reason:why};
  }else{
   if(li.dataset.proposal==='review'){say('A review item is decided redact or keep.');return;}
   lis=[li];entry={decision:kind,finding:li.dataset.finding,scope:'finding',reason:why};
  }
  const [done,left]=decide(kind,lis,why);
  record(entry,kind+': '+done+' finding(s)'+(left?'; '+left+' review item(s) left':''));
 }
 function set(li,action){
  const why=reason(li.dataset.proposal!=='review');if(why===null){return;}
  show(li,action,'set '+action);
  record({decision:action,finding:li.dataset.finding,scope:'finding',reason:why},
   li.dataset.finding+' set to '+action);
 }
 items().forEach(li=>{
  li.querySelectorAll('button[data-do]').forEach(b=>b.addEventListener('click',()=>{
   const what=b.dataset.do;
   if(what==='redact'||what==='keep'){set(li,what);}
   else{group(what.split('-')[0],what.split('-')[1]||'finding',li);}
  }));
  const pick=li.querySelector('select.change');
  pick.addEventListener('change',()=>{if(pick.value){set(li,pick.value);}pick.value='';});
 });
 document.querySelectorAll('tr[data-person] button[data-do]').forEach(b=>b.addEventListener(
  'click',()=>{
   const person=b.closest('tr').dataset.person;
   const li=items().find(x=>x.dataset.person===person);
   if(li){group(b.dataset.do,'person',li);}
  }));
 document.querySelectorAll('.pagectl button').forEach(b=>b.addEventListener('click',()=>{
  const why=reason(true);if(why===null){return;}
  const page=parseInt(b.dataset.page,10);
  record({decision:'page',page:page,action:b.dataset.do,reason:why},
   'page '+page+': '+b.dataset.do);
  const sec=$('page-'+page);
  if(sec){sec.dataset.marked=b.dataset.do;}
 }));
 $('rv-add-box').addEventListener('click',()=>{
  const why=reason(true);if(why===null){return;}
  const page=parseInt($('rv-box-page').value,10);
  const bbox=$('rv-box-bbox').value.split(',').map(v=>parseFloat(v));
  const entity=$('rv-box-entity').value.trim().toUpperCase();
  if(!(page>=1)||bbox.length!==4||bbox.some(isNaN)||!(bbox[2]>bbox[0]&&bbox[3]>bbox[1])){
   say('A box needs a page and four numbers x0,y0,x1,y1 with x1 > x0 and y1 > y0.');return;
  }
  if(!/^[A-Z][A-Z_]*$/.test(entity)){say('Give the kind of data, e.g. PHONE_NUMBER.');return;}
  record({decision:'add-box',page:page,bbox:bbox,entity:entity,reason:why},
   'box added on page '+page+' ('+entity+')');
 });
 const box=$('rv-attest-box'),typed=$('rv-attest-text'),all=$('rv-accept-all');
 function armed(){return box.checked&&plain(typed.value)===plain(root.dataset.attestation);}
 function arm(){all.disabled=!armed();}
 box.addEventListener('change',arm);typed.addEventListener('input',arm);
 all.addEventListener('click',()=>{
  if(!armed()){say('Accept all needs the attestation, ticked and typed in full.');return;}
  const why=reason(false);
  const open=items().filter(li=>!decided.has(li.dataset.finding));
  const [done,left]=decide('accept',open,why);
  record({decision:'accept-all',attestation:typed.value.trim(),reason:why},
   'accept all: '+done+' finding(s)'+(left?'; '+left+' review item(s) left':''));
 });
 $('rv-save').addEventListener('click',()=>{
  const file={schema:root.dataset.schema,
   report:{bundle_sha256:root.dataset.sha256,fingerprint:root.dataset.fingerprint},
   reviewer:$('rv-reviewer').value.trim(),saved_at:new Date().toISOString(),
   decisions:decisions};
  const blob=new Blob([JSON.stringify(file,null,1)],{type:'application/json'});
  const link=$('rv-download');
  if(link.href){URL.revokeObjectURL(link.href);}
  link.href=URL.createObjectURL(blob);
  link.hidden=false;
  link.click();
  say(decisions.length+' decision(s) saved as '+link.download);
 });
})();
"""


def term_ids(findings: Sequence[Finding]) -> dict[str, str]:
    """Each finding's term (``T1``, ``T2``...: the same id for the same value)."""
    terms: dict[str, str] = {}
    ids: dict[str, str] = {}
    for finding in findings:
        key = term_key(finding.detection.text)
        ids[finding.id] = terms.setdefault(key, f"T{len(terms) + 1}")
    return ids


def review_panel(report: Report) -> list[str]:
    """The side panel's review section: reviewer, reason, accept all, save."""
    fingerprint = findings_fingerprint(report_dict(report))
    stem = PurePath(report.bundle.path).stem or "bundle"
    return [
        f"<h2>Review</h2><div id='review' data-schema='{DECISIONS_SCHEMA}' "
        f"data-sha256='{escape(report.bundle.sha256)}' data-fingerprint='{fingerprint}' "
        f"data-attestation='{escape(ATTESTATION)}'>",
        "<label>Reviewer <input type='text' id='rv-reviewer' autocomplete='off'></label>",
        "<label>Reason (recorded with each decision; needed to reject or change) "
        "<input type='text' id='rv-reason' autocomplete='off'></label>",
        "<fieldset><legend>Accept all</legend>",
        f"<label><input type='checkbox' id='rv-attest-box'> {escape(ATTESTATION)}</label>",
        f"<label>Type &ldquo;{escape(ATTESTATION)}&rdquo; to confirm "
        "<input type='text' id='rv-attest-text' autocomplete='off'></label>",
        "<button type='button' id='rv-accept-all' disabled>Accept all not yet decided</button>",
        "</fieldset>",
        "<fieldset><legend>Add a box the scan missed</legend>",
        "<label>Page <input type='number' id='rv-box-page' min='1' step='1'></label>",
        "<label>Box x0,y0,x1,y1 (PDF points from the top left) "
        "<input type='text' id='rv-box-bbox' autocomplete='off' placeholder='72,140,210,152'>"
        "</label>",
        "<label>Kind of data <input type='text' id='rv-box-entity' autocomplete='off' "
        "placeholder='PHONE_NUMBER'></label>",
        "<button type='button' id='rv-add-box'>Add box (needs a reason)</button>",
        "</fieldset>",
        "<p><span id='rv-count'>0</span> decision(s) made. "
        "<button type='button' id='rv-save'>Save decisions</button> "
        f"<a id='rv-download' hidden download='{escape(stem)}.review-decisions.json'>"
        "download again</a></p>",
        "<p class='status' id='rv-status' role='status'></p>",
        "<p class='reason'>Then record them: <code>idpc-guard review REPORT --import "
        "FILE</code>; <code>idpc-guard apply</code> makes the copy.</p></div>",
    ]


def finding_attributes(finding: Finding, terms: Mapping[str, str]) -> str:
    """The data attributes the review script reads on a finding's list item."""
    person = f" data-person='{escape(finding.person)}'" if finding.person else ""
    return (
        f" data-finding='{escape(finding.id)}' data-proposal='{finding.action.value}' "
        f"data-term='{terms.get(finding.id, '')}'{person}"
    )


def finding_controls(finding: Finding, terms: Mapping[str, str], counts: Mapping[str, int]) -> str:
    """Accept/Reject (or Redact/Keep for a review item), change, and the term's and person's."""
    if finding.action is Action.REVIEW:
        own = "<button type='button' data-do='redact'>Redact</button>"
        own += "<button type='button' data-do='keep'>Keep</button>"
    else:
        own = "<button type='button' data-do='accept'>Accept</button>"
        own += "<button type='button' data-do='reject'>Reject</button>"
    change = (
        "<select class='change' aria-label='change action'><option value=''>change to…</option>"
        + "".join(f"<option value='{a.value}'>{a.value}</option>" for a in Action)
        + "</select>"
    )
    same = counts.get(terms.get(finding.id, ""), 1)
    term = (
        f"<button type='button' data-do='accept-term'>Accept term ×{same}</button>"
        f"<button type='button' data-do='reject-term'>Reject term ×{same}</button>"
        if same > 1
        else ""
    )
    person = (
        f"<button type='button' data-do='accept-person'>Accept {escape(finding.person)}</button>"
        f"<button type='button' data-do='reject-person'>Reject {escape(finding.person)}</button>"
        if finding.person
        else ""
    )
    return (
        f"<div class='controls'>{own}{change}{term}{person}"
        f"<span class='reason'>now <b class='now'>{finding.action.value}</b></span>"
        "<span class='decided'></span></div>"
    )


def term_counts(terms: Mapping[str, str]) -> dict[str, int]:
    """How many findings each term has."""
    counts: dict[str, int] = {}
    for term in terms.values():
        counts[term] = counts.get(term, 0) + 1
    return counts


def person_controls(person: CasePerson) -> str:
    """Accept or reject every value of a person at once (a cell of the people table)."""
    del person
    return (
        "<td><button type='button' data-do='accept'>Accept all</button>"
        "<button type='button' data-do='reject'>Reject all</button></td>"
    )


def page_controls(page: int) -> str:
    """Remove a page from the copy, or keep it (1-based ``page``)."""
    return (
        f"<div class='pagectl'><button type='button' data-do='remove' data-page='{page}'>"
        f"Remove page</button><button type='button' data-do='keep' data-page='{page}'>"
        "Keep page</button></div>"
    )
