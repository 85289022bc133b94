// Run-time configuration. Replace this file when hosting the SPA elsewhere,
// e.g. window.__RETAIN_CONFIG__ = { apiUrl: 'https://api.example.com/graphql' };
window.__RETAIN_CONFIG__ = window.__RETAIN_CONFIG__ || {};
