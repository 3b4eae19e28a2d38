/** The console's only HTML page; the script fills it in. */
export function consolePage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>平安校园助手 · 飞书模拟器</title>
<link rel="stylesheet" href="/sim/console.css">
</head>
<body>
<header class="top">
  <strong>平安校园助手 · 飞书模拟器</strong>
  <span class="sandbox-tag">沙箱模式：消息不会发到真实飞书</span>
  <span class="clock">模拟时间（北京时间）：<time id="now" data-testid="sim-now">—</time>
    <select id="advance" aria-label="时间前进">
      <option value="60">前进 1 小时</option>
      <option value="1440">前进 1 天</option>
      <option value="10080">前进 7 天</option>
    </select>
    <button id="advance-go" data-testid="clock-advance">前进</button>
  </span>
  <button id="toggle-inspector" data-testid="toggle-inspector">请求记录</button>
</header>
<main class="layout">
  <nav class="people" aria-label="模拟人员"><h2>模拟人员</h2><ul id="people" data-testid="people"></ul></nav>
  <nav class="chats" aria-label="会话"><h2>会话</h2><ul id="chats" data-testid="chats"></ul></nav>
  <section class="conversation">
    <h2 id="chat-title">请选择会话</h2>
    <div id="messages" class="messages" data-testid="messages"></div>
    <form id="composer" class="composer" autocomplete="off">
      <input id="composer-text" data-testid="composer-text" placeholder="输入消息，回车发送（例如：帮助）" disabled>
      <button data-testid="composer-send" disabled>发送</button>
    </form>
  </section>
  <aside id="inspector" class="inspector" hidden><h2>原始请求</h2><ol id="requests" data-testid="requests"></ol></aside>
</main>
<div id="toasts" class="toasts" aria-live="polite"></div>
<script src="/sim/console.js" type="module"></script>
</body>
</html>`;
}
