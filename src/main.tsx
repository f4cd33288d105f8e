import { render } from 'preact';
import { bootDala } from './app/boot';
import { loadFirstMessages, loadMessages } from './app/i18n';
import { App, initialLang } from './ui/App';
import { parseRoute } from './ui/route';
import { loadRepeatBlock, preloadRepeats } from './ui/components/repeat-load';
import './ui/styles.css';

const route = parseRoute(location.hash);
const boot = bootDala(route.name === 'session' ? route.id : undefined);
// A draft of a form with repeats opens on their block, a screen of its own chunk with later words:
// its code and every word load before the first render, so its first question is drawn in that one.
const repeats = !!boot.early?.hint.study.instrument.repeats?.length;
if (!repeats) boot.prefetch.then((p) => preloadRepeats(p?.opened?.study.instrument), () => {});
// The first page's words come before the first render (English's are in this bundle), so it needs no
// second one; the other screens' words come after the first frame (App).
void Promise.all([repeats ? loadMessages(initialLang()) : loadFirstMessages(initialLang()), repeats ? loadRepeatBlock().catch(() => null) : null]).then(([first]) =>
  render(<App boot={boot} first={first} complete={repeats && Object.hasOwn(first.messages, 'repeatAdd')} />, document.getElementById('app')!),
);
