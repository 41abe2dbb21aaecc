// The console's alert texts (Norwegian Bokmål). Notifications stay neutral: never a name, never a message.
export default {
  'al.sound': 'Lydvarsel',
  'al.notify': 'Slå på skrivebordsvarsler',
  'al.notify.title': 'Lytt',
  'al.notify.queue': 'Noen venter i køen.',
  'al.notify.message': 'Ny melding i en samtale.',
};
