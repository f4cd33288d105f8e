import { render } from 'preact';
import { bootDala } from './app/boot';
import { loadMessages } from './app/i18n';
import { App, initialLang } from './ui/App';
import { parseRoute } from './ui/route';
import './ui/styles.css';

const route = parseRoute(location.hash);
const boot = bootDala(route.name === 'session' ? route.id : undefined);
// The app's words come before the first render (English is in this bundle), so it needs no second one.
void loadMessages(initialLang()).then((messages) => render(<App boot={boot} messages={messages} />, document.getElementById('app')!));
