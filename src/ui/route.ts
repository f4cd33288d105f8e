/** Hash routes: the app is one page and works from the precache at any path. */
export type Route =
  | { name: 'sessions' }
  | { name: 'new'; studyId: string; studyVersion: string }
  /** `item`: the question to bring into view and focus (from the review's "change"). */
  | { name: 'session'; id: string; section: number | 'review'; item?: string }
  | { name: 'settings' }
  | { name: 'open-form' }
  | { name: 'kiosk'; id: string; section: number | 'done' }
  | { name: 'data'; studyId: string; studyVersion: string }
  | { name: 'import' }
  | { name: 'conflicts' }
  | { name: 'results'; studyId: string; studyVersion: string }
  /** Qualitative coding of a study's texts (issue 17). */
  | { name: 'coding'; studyId: string; studyVersion: string }
  /** The transcription view of one response (issue 17). */
  | { name: 'transcribe'; studyId: string; studyVersion: string; responseId: string }
  | { name: 'share'; studyId: string; studyVersion: string }
  /** "Scan a study": a study's QR code or a sequence of them, read with the camera. */
  | { name: 'scan' }
  /** A study link opened (respondent mode): the raw fragment, "#/s/<payload>?r=...". */
  | { name: 'link'; fragment: string };

export function parseRoute(hash: string): Route {
  // A study link's payload is kept as it is: it is not split on '/' nor URI-decoded.
  if (hash.startsWith('#/s/')) return { name: 'link', fragment: hash };
  const parts = hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  if (parts[0] === 'new' && parts[1] && parts[2]) return { name: 'new', studyId: parts[1], studyVersion: parts[2] };
  if (parts[0] === 'session' && parts[1]) {
    const sec = parts[2];
    if (sec === 'review') return { name: 'session', id: parts[1], section: 'review' };
    const n = sec === undefined ? NaN : Number(sec);
    const route: Route = { name: 'session', id: parts[1], section: Number.isInteger(n) && n >= 0 ? n : -1 };
    if (parts[3] && Number.isInteger(n)) route.item = parts[3];
    return route;
  }
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'open-form') return { name: 'open-form' };
  if (parts[0] === 'import') return { name: 'import' };
  if (parts[0] === 'conflicts') return { name: 'conflicts' };
  if (parts[0] === 'scan') return { name: 'scan' };
  if (parts[0] === 'data' && parts[1] && parts[2]) return { name: 'data', studyId: parts[1], studyVersion: parts[2] };
  if (parts[0] === 'kiosk' && parts[1]) {
    const n = Number(parts[2]);
    return { name: 'kiosk', id: parts[1], section: parts[2] === 'done' ? 'done' : Number.isInteger(n) && n >= 0 ? n : 0 };
  }
  if (parts[0] === 'results' && parts[1] && parts[2]) return { name: 'results', studyId: parts[1], studyVersion: parts[2] };
  if (parts[0] === 'transcribe' && parts[1] && parts[2] && parts[3]) return { name: 'transcribe', studyId: parts[1], studyVersion: parts[2], responseId: parts[3] };
  if (parts[0] === 'coding' && parts[1] && parts[2]) return { name: 'coding', studyId: parts[1], studyVersion: parts[2] };
  if (parts[0] === 'share' && parts[1] && parts[2]) return { name: 'share', studyId: parts[1], studyVersion: parts[2] };
  return { name: 'sessions' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'sessions':
      return '#/';
    case 'new':
      return `#/new/${encodeURIComponent(route.studyId)}/${encodeURIComponent(route.studyVersion)}`;
    case 'session':
      return `#/session/${encodeURIComponent(route.id)}/${route.section}${route.item && route.section !== 'review' ? `/${encodeURIComponent(route.item)}` : ''}`;
    case 'settings':
      return '#/settings';
    case 'open-form':
      return '#/open-form';
    case 'import':
      return '#/import';
    case 'conflicts':
      return '#/conflicts';
    case 'scan':
      return '#/scan';
    case 'data':
      return `#/data/${encodeURIComponent(route.studyId)}/${encodeURIComponent(route.studyVersion)}`;
    case 'kiosk':
      return `#/kiosk/${encodeURIComponent(route.id)}/${route.section}`;
    case 'results':
      return `#/results/${encodeURIComponent(route.studyId)}/${encodeURIComponent(route.studyVersion)}`;
    case 'coding':
      return `#/coding/${encodeURIComponent(route.studyId)}/${encodeURIComponent(route.studyVersion)}`;
    case 'transcribe':
      return `#/transcribe/${encodeURIComponent(route.studyId)}/${encodeURIComponent(route.studyVersion)}/${encodeURIComponent(route.responseId)}`;
    case 'share':
      return `#/share/${encodeURIComponent(route.studyId)}/${encodeURIComponent(route.studyVersion)}`;
    case 'link':
      return route.fragment;
  }
}

export function go(route: Route): void {
  location.hash = href(route);
}
