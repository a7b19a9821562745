// Container HEALTHCHECK for every Agentry image: GET /healthz on the port the app serves it on.
// Services serve it on HEALTH_PORT; the gateway (which has no HEALTH_PORT) on PORT.
import { get } from 'node:http';

const healthPort = Number(process.env.HEALTH_PORT);
const port = healthPort > 0 ? healthPort : Number(process.env.PORT) || 3000;

const request = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 4000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', () => process.exit(1));
