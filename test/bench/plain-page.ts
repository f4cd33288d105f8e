/**
 * The baseline of the "first question usable" figure: a hand-written plain-DOM page of the same
 * questions (the demo study's first section), no framework, no storage. The figure is offline, so the
 * page can also register a hand-written service worker (`sw.js`: cache both files, answer from the
 * cache): the least a page needs to open offline at all.
 */
import type { Instrument } from '../../src/core/instrument/types';

export const PLAIN_SW = `self.addEventListener('install', (e) => e.waitUntil(caches.open('plain').then((c) => c.addAll(['./', 'plain.js'])).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((r) => r || fetch(e.request))));`;

/**
 * `list`: the titles of a repeat's instances (a roster of 200 members), drawn before the questions as
 * Dala draws them: each an entry with its title and a button; the questions are the open instance's.
 */
export function plainPage(ins: Instrument, lang: string, withWorker = false, list?: readonly string[]): { html: string; js: string } {
  const section = ins.sections[0]!;
  const items = section.items.map((it) => ({
    name: it.name,
    type: it.type,
    label: it.label[lang] ?? it.label.en,
    choices: it.choices
      ? ins.choiceLists[it.choices]!.map((c) => ({ name: c.name, label: c.label[lang] ?? c.label.en }))
      : it.likert
        ? ins.likertScales[it.likert]!.points.map((p) => ({ name: String(p.value), label: p.label[lang] ?? p.label.en }))
        : null,
  }));
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>plain</title></head><body><main><section class="section"><h1></h1><div id="items"></div></section></main><script src="plain.js"></script></body></html>`;
  const js = `(function(){var items=${JSON.stringify(items)};
document.querySelector('h1').textContent=${JSON.stringify(section.label[lang] ?? section.label.en)};
var root=document.getElementById('items');${
    list
      ? `var ol=document.createElement('ol');${JSON.stringify(list)}.forEach(function(t){var li=document.createElement('li');var b=document.createElement('button');b.type='button';b.textContent=t;li.appendChild(b);var x=document.createElement('button');x.type='button';x.textContent='Remove';li.appendChild(x);ol.appendChild(li);});root.appendChild(ol);`
      : ''
  }
items.forEach(function(it){
  var d=document.createElement('div');d.className='item';d.setAttribute('data-item',it.name);
  if(it.choices){var fs=document.createElement('fieldset');var lg=document.createElement('legend');lg.textContent=it.label;fs.appendChild(lg);
    it.choices.forEach(function(c){var l=document.createElement('label');var i=document.createElement('input');i.type=it.type==='select_multiple'?'checkbox':'radio';i.name=it.name;i.value=c.name;l.appendChild(i);l.appendChild(document.createTextNode(' '+c.label));fs.appendChild(l);});
    d.appendChild(fs);}
  else{var l=document.createElement('label');l.textContent=it.label;var i=document.createElement(it.type==='longtext'?'textarea':'input');if(it.type==='date')i.type='date';l.appendChild(i);d.appendChild(l);}
  root.appendChild(d);});${withWorker ? "if('serviceWorker' in navigator)navigator.serviceWorker.register('sw.js');" : ''}})();`;
  return { html, js };
}
