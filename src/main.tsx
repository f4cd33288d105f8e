import { render } from 'preact';
import { bootDala } from './app/boot';
import { loadFirstMessages } from './app/i18n';
import { App, initialLang } from './ui/App';
import { parseRoute } from './ui/route';
import { preloadRepeats } from './ui/components/repeat-load';
import './ui/styles.css';

const route = parseRoute(location.hash);
const boot = bootDala(route.name === 'session' ? route.id : undefined);
// A draft of a form with repeats: their block's code loads while the session is read.
preloadRepeats(boot.early?.hint.study.instrument);
boot.prefetch.then((p) => preloadRepeats(p?.opened?.study.instrument), () => {});
// The first page's words come before the first render (English's are in this bundle), so it needs no
// second one; the other screens' words come after the first frame (App).
void loadFirstMessages(initialLang()).then((first) => render(<App boot={boot} first={first} />, document.getElementById('app')!));
