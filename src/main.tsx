import { render } from 'preact';
import { bootDala } from './app/boot';
import { App } from './ui/App';
import { parseRoute } from './ui/route';
import './ui/styles.css';

const route = parseRoute(location.hash);
render(<App boot={bootDala(route.name === 'session' ? route.id : undefined)} />, document.getElementById('app')!);
