import { render } from 'preact';
import { bootDala } from './app/boot';
import { loadFirstMessages } from './app/i18n';
import { App, initialLang } from './ui/App';
import { parseRoute } from './ui/route';
import './ui/styles.css';

const route = parseRoute(location.hash);
const boot = bootDala(route.name === 'session' ? route.id : undefined);
// The first page's words come before the first render (English's are in this bundle), so it needs no
// second one; the other screens' words come after the first frame (App).
void loadFirstMessages(initialLang()).then((first) => render(<App boot={boot} first={first} />, document.getElementById('app')!));
