/// <reference types="hubbub/vue" />
import 'hubbub/live-chat.js';
import { createApp } from 'vue';
import App from './App.vue';

const params = new URLSearchParams(location.search);
createApp(App, {
  server: params.get('server') ?? 'ws://127.0.0.1:8080/live',
  room: params.get('room') ?? 'demo',
}).mount('#app');
