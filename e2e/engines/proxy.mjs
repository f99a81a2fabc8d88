// A CDP proxy for engines older than Playwright's floor (Chromium < 84): answers the browser
// methods they lack as done, and attaches to each page Playwright creates (their browser
// target does not auto-attach), holding createTarget's reply until the page is attached.
import { WebSocketServer, WebSocket } from 'ws';
export async function cdpProxy(target, stub = new Set(['Browser.setDownloadBehavior'])) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise(r => wss.on('listening', r));
  wss.on('connection', client => {
    const up = new WebSocket(target, { perMessageDeflate: false });
    const queue = [];
    const creates = new Set(); // ids of Target.createTarget calls
    const held = new Map();    // our attach id -> the createTarget reply to send after it
    let next = 1e9;
    const send = (m) => (up.readyState === 1 ? up.send(m) : queue.push(m));
    up.on('open', () => { for (const m of queue) up.send(m); queue.length = 0; });
    up.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      if (msg.id !== undefined && creates.has(msg.id) && msg.result) {
        creates.delete(msg.id);
        const id = next++;
        held.set(id, d.toString());
        send(JSON.stringify({ id, method: 'Target.attachToTarget', params: { targetId: msg.result.targetId, flatten: true } }));
        return;
      }
      if (msg.id !== undefined && held.has(msg.id)) {
        const reply = held.get(msg.id);
        held.delete(msg.id);
        client.send(reply);
        return;
      }
      if (client.readyState === 1) client.send(d.toString());
    });
    up.on('close', () => client.close());
    client.on('close', () => up.close());
    client.on('message', (d) => {
      const text = d.toString();
      const msg = JSON.parse(text);
      if (stub.has(msg.method)) {
        const reply = { id: msg.id, result: {} };
        if (msg.sessionId) reply.sessionId = msg.sessionId;
        client.send(JSON.stringify(reply));
        return;
      }
      if (msg.method === 'Target.createTarget' && !msg.sessionId) creates.add(msg.id);
      send(text);
    });
  });
  return { url: `ws://127.0.0.1:${wss.address().port}/`, close: () => wss.close() };
}
