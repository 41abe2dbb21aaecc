// The console's alert texts (English). Notifications stay neutral: never a name, never a message.
export default {
  'al.sound': 'Alert sound',
  'al.notify': 'Turn on desktop notifications',
  'al.notify.title': 'Lytt',
  'al.notify.queue': 'Someone is waiting in the queue.',
  'al.notify.message': 'New message in a chat.',
};
