// A CDP proxy for engines older than Playwright's floor (Chromium < 84): answers the browser
// methods they lack as done, and attaches to each page Playwright creates (their browser
// target does not auto-attach), holding createTarget's reply until the page is attached.
// DOM.scrollIntoViewIfNeeded (Chromium 82), which every click starts with, is done in the page.
import { WebSocketServer, WebSocket } from 'ws';
export async function cdpProxy(target, stub = new Set(['Browser.setDownloadBehavior'])) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise(r => wss.on('listening', r));
  wss.on('connection', client => {
    const up = new WebSocket(target, { perMessageDeflate: false });
    const queue = [];
    const creates = new Set(); // ids of Target.createTarget calls
    const held = new Map();    // our attach id -> the createTarget reply to send after it
    const scrolls = new Set(); // ids of DOM.scrollIntoViewIfNeeded done as Runtime.callFunctionOn
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
      if (msg.id !== undefined && scrolls.has(msg.id)) {
        scrolls.delete(msg.id);
        const reply = { id: msg.id, sessionId: msg.sessionId };
        const value = msg.result?.result?.value;
        if (msg.error || value !== 'done') reply.error = { code: -32000, message: msg.error?.message ?? value };
        else reply.result = {};
        client.send(JSON.stringify(reply));
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
      if (msg.method === 'Browser.grantPermissions') {
        // the clipboard permissions' names before Chromium 81
        const names = { clipboardReadWrite: ['clipboardRead', 'clipboardWrite'], clipboardSanitizedWrite: ['clipboardWrite'] };
        msg.params.permissions = [...new Set(msg.params.permissions.flatMap((p) => names[p] ?? [p]))];
        send(JSON.stringify(msg));
        return;
      }
      if (msg.method === 'DOM.scrollIntoViewIfNeeded') {
        scrolls.add(msg.id);
        send(JSON.stringify({ id: msg.id, sessionId: msg.sessionId, method: 'Runtime.callFunctionOn',
          params: { objectId: msg.params.objectId, functionDeclaration: scrollIntoView.toString(), returnByValue: true } }));
        return;
      }
      send(text);
    });
  });
  return { url: `ws://127.0.0.1:${wss.address().port}/`, close: () => wss.close() };
}

/** Runs in the page, on the node Playwright is about to click: the errors are the ones
 *  Playwright reads from the real method. */
function scrollIntoView() {
  if (!this.isConnected) return 'Node is detached from document';
  const el = this.nodeType === 1 ? this : this.parentElement;
  if (!el || !el.getClientRects().length) return 'Node does not have a layout object';
  el.scrollIntoViewIfNeeded ? el.scrollIntoViewIfNeeded(true) : el.scrollIntoView({ block: 'center' });
  return 'done';
}
