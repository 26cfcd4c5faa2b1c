/* global window, document, location, sessionStorage, fetch, URL, URLSearchParams */
/*
 * The chat page's script: gets a Direct Line token from this server (never a secret), starts the official
 * Web Chat, and after a reload continues the same conversation in this tab (sessionStorage), until the tab closes.
 * `?transport=polling` polls instead of opening a WebSocket, for networks that block WebSockets.
 */
(function () {
  'use strict';

  const SAVED_KEY = 'bt-email-chat';
  const TOKEN_URL = '/api/webchat/token';
  // botframework-directlinejs ConnectionStatus values; a token refused after a server restart shows as expired.
  const ONLINE = 2;
  const EXPIRED_TOKEN = 3;
  const FAILED_TO_CONNECT = 4;
  const ENDED = 5;

  const TEXT = {
    noScript: 'The chat could not load. Please refresh the page, or get help at www.bt.com/help.',
    noToken: 'The chat could not start. Please try again in a moment.',
    ended: 'This chat has ended or lost its connection.',
    restart: 'Start a new chat',
    placeholder: 'Ask about BT Email settings',
  };

  const notice = document.getElementById('chat-notice');
  const noticeText = document.getElementById('chat-notice-text');
  const restart = document.getElementById('chat-restart');

  /** Shows a message under the chat, with the restart button when there is nothing else to do. */
  function showNotice(text, canRestart) {
    noticeText.textContent = text;
    restart.hidden = !canRestart;
    notice.hidden = false;
  }

  function setStatus(status) {
    document.body.dataset.chatStatus = status;
  }

  function loadSaved() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(SAVED_KEY) || 'null');
      return saved && saved.token && saved.conversationId && saved.domain ? saved : null;
    } catch {
      return null;
    }
  }

  function save(directLine, domain) {
    if (!directLine.conversationId || !directLine.token) return;
    const saved = { domain, conversationId: directLine.conversationId, token: directLine.token };
    sessionStorage.setItem(SAVED_KEY, JSON.stringify(saved));
  }

  function forget() {
    sessionStorage.removeItem(SAVED_KEY);
  }

  /** The saved conversation with a refreshed token, or null when its token has expired. */
  async function resume(saved) {
    try {
      const res = await fetch(saved.domain + '/tokens/refresh', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + saved.token },
      });
      if (!res.ok) return null;
      const body = await res.json();
      return { domain: saved.domain, token: body.token, conversationId: saved.conversationId, resumed: true };
    } catch {
      return null;
    }
  }

  /** A new conversation's token from this server; in Azure mode its domain is Azure's Direct Line. */
  async function fresh() {
    const res = await fetch(TOKEN_URL, { method: 'POST' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error || TEXT.noToken);
    const domain = new URL(body.domain, location.href).href.replace(/\/+$/, '');
    return { domain, token: body.token, conversationId: undefined, resumed: false };
  }

  function watch(directLine, session) {
    let online = false;
    let over = false;
    const ended = () => {
      // A saved conversation that was cleaned up while the tab was away: start a new one, once.
      if (session.resumed && !online) return startOver();
      over = true;
      forget();
      setStatus('ended');
      showNotice(TEXT.ended, true);
    };
    directLine.connectionStatus$.subscribe((status) => {
      if (status === ONLINE) {
        online = true;
        notice.hidden = true;
        setStatus('online');
        save(directLine, session.domain);
      } else if (status === EXPIRED_TOKEN || status === FAILED_TO_CONNECT || status === ENDED) ended();
    });
    directLine.activity$.subscribe({
      next: (activity) => activity.type === 'endOfConversation' && ended(),
      error: ended,
    });
    window.addEventListener('pagehide', () => online && !over && save(directLine, session.domain));
  }

  function startOver() {
    forget();
    location.reload();
  }

  function render(directLine) {
    const polite = { overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: TEXT.placeholder } };
    window.WebChat.renderWebChat(
      {
        directLine,
        locale: 'en-GB',
        ...polite,
        styleOptions: {
          accent: '#5514b4',
          botAvatarInitials: 'BT',
          userAvatarInitials: 'You',
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          sendBoxTextWrap: true,
          primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
        },
      },
      document.getElementById('webchat'),
    );
  }

  async function start() {
    restart.textContent = TEXT.restart;
    restart.addEventListener('click', startOver);
    if (!window.WebChat) return showNotice(TEXT.noScript, false);
    const polling = new URLSearchParams(location.search).get('transport') === 'polling';
    let session;
    try {
      const saved = loadSaved();
      session = (saved && (await resume(saved))) || (await fresh());
    } catch (err) {
      setStatus('ended');
      return showNotice(err.message || TEXT.noToken, true);
    }
    const directLine = window.WebChat.createDirectLine({
      domain: session.domain,
      token: session.token,
      conversationId: session.conversationId,
      webSocket: !polling,
      pollingInterval: polling ? 500 : undefined,
    });
    watch(directLine, session);
    render(directLine);
  }

  start();
})();
