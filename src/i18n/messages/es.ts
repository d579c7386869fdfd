import type { Catalogue } from '../catalogue';

/** Spanish (neutral, "tú" as Google's own Spanish UI). */
export const ES: Catalogue = {
  'common.signIn': 'Iniciar sesión',
  'common.settings': 'Configuración',
  'common.noTitle': '(sin título)',
  'common.and': '{first} y {second}',
  'common.sentences': '{first} {second}',
  'common.quoted': '«{text}»',
  'label.status': 'Estado',

  'time.justNow': 'justo ahora',
  'time.minutesAgo': { one: 'hace {n} minuto', other: 'hace {n} minutos' },
  'time.hoursAgo': { one: 'hace {n} hora', other: 'hace {n} horas' },
  'time.yesterday': 'ayer',
  'time.daysAgo': { one: 'hace {n} día', other: 'hace {n} días' },
  'time.notSet': 'sin definir',
  'time.allDay': '{date} (todo el día)',
  'time.inZone': '{time} ({zone})',

  'retry.soon': 'Próximo intento: con el próximo cambio en tu calendario o la revisión de cada hora.',
  'retry.after':
    'Próximo intento: con el próximo cambio en tu calendario o la revisión de cada hora, a partir de {time}.',

  'home.title': 'Sincronización de reuniones',
  'home.subtitle': 'Mantiene tus reuniones de {vendor} al día con tu calendario',
  'home.notSetUp.header': 'Aún sin configurar',
  'home.notSetUp.body':
    'El complemento aún no puede conectar con {vendor}. Pide a tu administrador que termine la configuración (ver Configuración).',
  'home.signIn.header': 'Iniciar sesión en {vendor}',
  'home.signIn.body':
    'Inicia sesión para que el complemento pueda crear reuniones de {vendor} y mantenerlas al día.',
  'home.empty':
    'Aún no se sincroniza ningún calendario. Elige {vendor} en «Añadir videoconferencia» en un evento y empezará automáticamente.',
  'home.refresh': 'Actualizar',
  'home.label.meetings': 'Reuniones',
  'home.meetingsKept': { one: '{n} reunión al día', other: '{n} reuniones al día' },
  'home.changesLooked': {
    one: '{n} cambio de evento revisado en la última revisión',
    other: '{n} cambios de evento revisados en la última revisión',
  },
  'home.notWatched':
    'No se detectan los cambios de este calendario. Pulsa «Sincronizar ahora» para reanudar.',
  'home.label.waiting': 'Pendiente de envío',
  'home.updates': { one: '{n} actualización', other: '{n} actualizaciones' },
  'home.removals': { one: '{n} eliminación', other: '{n} eliminaciones' },
  'home.waiting': {
    one: '{items} pendiente de envío a {vendor}. Se envía automáticamente.',
    other: '{items} pendientes de envío a {vendor}. Se envían automáticamente.',
  },
  'home.label.notSent': 'No se pudo enviar ({count})',
  'home.problemLine': '{what} ({when}): {why}',
  'home.earlier': { one: '… y {n} anterior.', other: '… y {n} anteriores.' },
  'home.resendHint': 'Abre el evento y pulsa «Reenviar a {vendor}» para reintentarlo, o cambia el evento.',
  'home.syncNow': 'Sincronizar ahora',
  'home.checkAll': 'Revisar todos los eventos',
  'home.tryAgain': 'Reintentar',
  'home.dismiss': 'Descartar estos mensajes',
  'home.stop': 'Dejar de sincronizar este calendario…',

  'hub.title': 'Tus reuniones de {vendor}',
  'hub.subtitle': 'Hoy y la próxima semana',
  'hub.today': 'Hoy',
  'hub.tomorrow': 'Mañana',
  'hub.later': 'Más adelante esta semana',
  'hub.none': 'No hay reuniones de {vendor} en la próxima semana.',
  'hub.join': 'Unirse',
  'hub.allDay': 'Todo el día',
  'hub.allDayOn': '{day}, todo el día',
  'hub.mark.repairing': 'En reparación. Ábrela para ver los detalles.',
  'hub.mark.refused': '{vendor} rechazó el último cambio. Ábrela para ver los detalles.',
  'hub.unreadable': 'No se pudo leer {calendar} ahora. Actualiza para volver a intentarlo.',
  'hub.label.sync': 'Sincronización',
  'hub.health.ok': 'Todas las reuniones están al día',
  'hub.health.lostAccess': 'Ya no se puede leer {calendar}. Sus reuniones se quedan como están.',
  'hub.health.notWatched':
    'Los cambios en {calendar} no se detectan. Abre Detalles de sincronización y pulsa Sincronizar ahora.',
  'hub.health.refused': {
    one: 'No se pudo enviar {n} cambio a {vendor}. Abre Detalles de sincronización para volver a intentarlo.',
    other:
      'No se pudieron enviar {n} cambios a {vendor}. Abre Detalles de sincronización para volver a intentarlo.',
  },
  'hub.health.vendorBlocked':
    'No se pudieron comprobar las reuniones en {vendor}. Abre Detalles de sincronización para ver por qué.',
  'hub.health.unfinished': 'La última comprobación no terminó. Se volverá a intentar.',
  'hub.health.waiting': {
    one: '{n} cambio espera la respuesta de {vendor}. Se envía automáticamente.',
    other: '{n} cambios esperan la respuesta de {vendor}. Se envían automáticamente.',
  },
  'hub.health.checking': 'Sigue en curso una comprobación completa de tu calendario.',
  'hub.syncDetails': 'Detalles de sincronización',

  'summary.lostAccess':
    'Este calendario ya no se puede leer (eliminado, sin suscripción o ya no compartido). Sus reuniones se quedan como están.',
  'summary.notChecked': 'Aún sin revisar.',
  'summary.error': 'Última revisión {when}: {problem}',
  'summary.syncing': 'Última revisión {when}. Aún hay una revisión completa en curso.',
  'summary.attention': 'Última revisión {when}. Algunos cambios requieren atención.',
  'summary.ok': 'Última revisión {when}. Todo está al día.',

  'runError.signIn': 'Esperando a que inicies sesión en {vendor}.',
  'runError.unfinished': 'La última revisión no terminó. Se volverá a intentar.',
  'runError.config':
    'El complemento aún no está configurado. Pide a tu administrador que revise su configuración.',
  'runError.calendar': 'No se pudo leer Google Calendar. Se volverá a intentar.',
  'runError.other': 'Algo salió mal. Se volverá a intentar.',

  'setup.tooMany':
    'Este calendario no se vigila: tienes demasiadas automatizaciones de complementos. Deja de sincronizar un calendario que ya no uses y pulsa «Sincronizar ahora».',
  'setup.other': 'No se pudo vigilar este calendario. Pulsa «Sincronizar ahora» para reintentarlo.',

  'op.remove': 'Eliminar una reunión',
  'op.removeNamed': 'Eliminar la reunión de {title}',
  'op.create': 'Crear una reunión',
  'op.createNamed': 'Crear la reunión de {title}',
  'op.update': 'Actualizar una reunión',
  'op.updateNamed': 'Actualizar {title}',

  'reason.signIn': '{vendor} no aceptó el inicio de sesión.',
  'reason.forbidden': '{vendor} no permitió este cambio.',
  'reason.gone': 'La reunión ya no existe en {vendor}.',
  'reason.invalid': '{vendor} rechazó los detalles del evento.',
  'reason.unreadable': '{vendor} envió una respuesta que el complemento no pudo leer.',
  'reason.writeBack': 'Calendar no aceptó un nuevo enlace de reunión para el evento.',
  'reason.refused': '{vendor} rechazó el cambio.',

  'confirm.title': '¿Dejar de sincronizar este calendario?',
  'confirm.body':
    'Los cambios en los eventos de este calendario ya no llegarán a {vendor}. Las reuniones existentes siguen funcionando, pero mover o eliminar sus eventos no las actualizará.',
  'confirm.dropped':
    'Se descartan los cambios pendientes de envío. Añadir una nueva reunión de {vendor} a un evento de este calendario reanuda la sincronización.',
  'confirm.cancel': 'Cancelar',
  'confirm.stop': 'Dejar de sincronizar',

  'event.title': 'Reunión de {vendor}',
  'event.saveFirst': 'Guarda el evento para ver aquí su reunión.',
  'event.otherService': 'Este evento usa otro servicio de reuniones, no {vendor}.',
  'event.none':
    'Este evento no tiene una reunión de {vendor}. Elige {vendor} en «Añadir videoconferencia» al editar el evento.',
  'event.header.meeting': 'Reunión',
  'event.label.id': 'ID de la reunión',
  'event.label.join': 'Enlace para unirse',
  'event.join': 'Unirse a la reunión',
  'event.header.notSent': 'No se pudo enviar',
  'event.resendHint':
    'Si {vendor} muestra detalles antiguos, vuelve a enviar los detalles actuales del evento.',
  'event.resend': 'Reenviar a {vendor}',
  'event.syncStatus': 'Estado de sincronización',
  'state.removeAfterSignIn': 'La reunión se eliminará en {vendor} cuando inicies sesión.',
  'state.sendAfterSignIn': 'Tus últimos cambios se enviarán a {vendor} cuando inicies sesión.',
  'state.upToDate': '{vendor} tiene el título, la hora y los invitados al día.',
  'state.changed': 'Tus últimos cambios se están enviando a {vendor}.',
  'state.queuedUpdate':
    'Tus últimos cambios están pendientes de envío a {vendor}. Se envían automáticamente.',
  'state.queuedRemoval': 'La reunión está pendiente de eliminarse en {vendor}.',
  'state.notSent': 'Tus últimos cambios no se pudieron enviar a {vendor}.',
  'state.notSaved': 'El evento aún no se ha guardado.',
  'state.notTracked':
    'Este calendario no se sincroniza, así que los cambios de este evento no llegan a {vendor}.',
  'event.linkChanged':
    'El enlace de {vendor} cambió {when}: la reunión anterior ya no existía, así que este evento tiene uno nuevo.',
  // The audit of upcoming meetings against the vendor (src/audit/)
  'audit.header': 'Reuniones comprobadas con {vendor}',
  'audit.label.repairs': 'Reparaciones',
  'audit.none': 'Esta semana no hubo que reparar ninguna reunión.',
  'audit.repaired': {
    one: '{n} reunión reparada esta semana.',
    other: '{n} reuniones reparadas esta semana.',
  },
  'audit.lastCheck': 'Última comprobación {when}.',
  'audit.label.blocked': 'No se pudo comprobar ({when})',
  'audit.blocked.unauthorized':
    '{vendor} ya no acepta el inicio de sesión del complemento, así que no se pudieron comprobar tus reuniones. No se eliminó ni cambió nada. Vuelve a iniciar sesión (o pide a tu administrador que renueve la clave).',
  'audit.blocked.forbidden':
    '{vendor} indica que esta cuenta ya no puede usar estas reuniones, así que no se pudieron comprobar. No se eliminó ni cambió nada.',
  'audit.blocked.massMissing':
    'De repente {vendor} no tiene ninguna de muchas reuniones, lo que parece un problema de su lado. No se volvió a crear nada; se comprueban de nuevo cada hora.',
  'audit.waiting': {
    one: '{n} reunión espera que se ponga su nuevo enlace de {vendor} en el evento: abre el evento para arreglarlo.',
    other:
      '{n} reuniones esperan que se ponga su nuevo enlace de {vendor} en el evento: abre el evento para arreglarlo.',
  },
  'audit.howOften':
    'Las reuniones de los próximos 14 días se comprueban cada día, y cada hora el día en que empiezan. Si {vendor} perdió una o muestra otros datos, se restauran los de tu calendario.',
  'repair.header': 'Reparada',
  'repair.headerClick': 'Falta un clic',
  'repair.restored':
    '{vendor} ya no tenía esta reunión ({when}). Se restauró con el mismo enlace y los datos de este evento.',
  'repair.recreated':
    '{vendor} ya no tenía esta reunión ({when}). Se creó una nueva y se puso en el evento: el enlace de arriba es el nuevo.',
  'repair.resent':
    '{vendor} mostraba otros datos que este evento: {what} ({when}). Se volvieron a enviar los datos del evento.',
  'repair.aspect.title': 'título',
  'repair.aspect.time': 'hora',
  'repair.aspect.guests': 'invitados',
  'repair.aspect.recurrence': 'repetición',
  'repair.aspectSeparator': ', ',
  'repair.refused':
    '{vendor} ya no tiene esta reunión. Se creó una nueva ({when}), pero Calendar no dejó que el complemento la pusiera en el evento.',
  'repair.button': 'Poner la nueva reunión en el evento',
  'repair.note.written': 'La nueva reunión de {vendor} está en el evento.',
  'repair.note.refused':
    'Calendar sigue sin dejar que el complemento cambie este evento. Vuelve a añadir la conferencia a mano.',
  'repair.note.later': 'Calendar está ocupado ahora. Inténtalo de nuevo en un minuto.',
  'repair.note.nothing': 'Ya no hay nada pendiente para este evento.',
  'state.restoring':
    'Este evento se restauró de la papelera. El complemento está recuperando su reunión de {vendor}, o creando una nueva si {vendor} no puede: no tienes que hacer nada.',
  'state.vendorLost':
    '{vendor} ya no tiene esta reunión. El complemento la está recuperando, o creando una nueva y poniéndola en el evento: no tienes que hacer nada.',
  'state.needsConference':
    '{vendor} ya no tiene esta reunión y Calendar no dejó que el complemento pusiera una nueva en el evento. Pulsa el botón de abajo o vuelve a añadir la conferencia.',
  'vendor.header': 'Lo que tiene {vendor}',
  'vendor.label.title': 'Título',
  'vendor.noTitleYet': '(aún sin título)',
  'vendor.label.starts': 'Empieza',
  'vendor.label.ends': 'Termina',
  'vendor.label.guests': 'Invitados',
  'vendor.guests': { one: '{n} invitado', other: '{n} invitados' },
  'vendor.label.repeats': 'Se repite',
  'vendor.yes': 'Sí',
  'vendor.label.updated': 'Última actualización',
  'vendor.missing': '{vendor} ya no tiene esta reunión.',
  'vendor.unauthorized': '{vendor} no aceptó el inicio de sesión, así que no se pueden mostrar sus detalles.',
  'vendor.unavailable': 'No se pudo conectar con {vendor}, así que no se pueden mostrar sus detalles.',

  'settings.title': 'Configuración',
  'settings.subtitle': 'Conexión con {vendor}',
  'settings.label.address': 'Dirección de {vendor}',
  'settings.notSet': 'Sin definir',
  'settings.label.signIn': 'Inicio de sesión',
  'settings.apiKey': 'Con una clave definida por tu administrador (oculta)',
  'settings.signedIn': 'Cada persona inicia sesión en {vendor}. Has iniciado sesión.',
  'settings.notSignedIn': 'Cada persona inicia sesión en {vendor}. No has iniciado sesión.',
  'settings.invalid': 'El inicio de sesión en {vendor} no está bien configurado.',
  'settings.label.problem': 'Problema de configuración',
  'settings.label.test': 'Prueba de conexión',
  'settings.test': 'Probar conexión',
  'settings.signOut': 'Cerrar sesión',
  'settings.back': 'Atrás',
  'settings.signInFirst': 'Inicia sesión primero y luego prueba la conexión.',
  'test.ok': 'Conectado. {vendor} respondió en {seconds} s.',
  'test.unreachable': 'No se pudo conectar con {vendor}. Revisa la dirección.',
  'test.rejected': '{vendor} no aceptó la clave o el inicio de sesión.',
  'test.forbidden': '{vendor} aceptó el inicio de sesión, pero no permite este complemento.',
  'test.vendorError': '{vendor} tiene problemas ahora mismo (error {detail}). Inténtalo más tarde.',

  'note.notSetUp': 'El complemento aún no está configurado. Consulta Configuración.',
  'note.signInFirst': 'Primero inicia sesión en {vendor}.',
  'note.handedOver': 'Hay otra revisión en curso. Este calendario se revisa justo después.',
  'note.continues': 'Iniciado. El resto de la revisión continúa en segundo plano.',
  'note.unfinished': 'La revisión no terminó. Se volverá a intentar.',
  'note.waiting': {
    one: 'Revisado. {n} cambio pendiente de envío a {vendor}.',
    other: 'Revisado. {n} cambios pendientes de envío a {vendor}.',
  },
  'note.checkedAll': 'Se ha revisado todo de nuevo.',
  'note.upToDate': 'Revisado. Todo está al día.',
  'note.busy': 'Hay una sincronización en curso. Inténtalo de nuevo en un minuto.',
  'note.stopped': 'Se dejó de sincronizar {calendar}.',
  'note.nothingToResend': 'No hay nada que reenviar.',
  'note.notSynced': 'Este calendario no se sincroniza.',
  'note.removed': 'La reunión se eliminó en {vendor} porque el evento ya no la tiene.',
  'note.sent': 'Enviado a {vendor}.',
  'note.refused': '{vendor} no lo aceptó: {why}',
  'note.refusedNoReason': '{vendor} no aceptó el cambio.',
  'note.unreachable': 'No se pudo conectar con {vendor}. Se enviará automáticamente.',
  'note.finishSetup': 'Primero termina la configuración (e inicia sesión).',
  'note.signedOut': 'Sesión cerrada en {vendor}.',

  'auth.done': 'Has iniciado sesión. Puedes cerrar esta pestaña.',
  'auth.cancelled': 'Se canceló el inicio de sesión. Cierra esta pestaña y vuelve a intentarlo.',

  'conference.notes':
    'Reunión de {vendor}. Los cambios de título, hora e invitados del evento llegan a {vendor} automáticamente.',

  // Meeting options and the defaults for new meetings (issue 23, parts 2-3)
  'options.header': 'Opciones de la reunión',
  'options.hint': 'Cada cambio se envía a {vendor} en el acto.',
  'options.passcode': 'Código de acceso',
  'options.waitingRoom': 'Sala de espera',
  'options.joinBeforeHost': 'Los invitados pueden entrar antes que el anfitrión',
  'options.muteOnEntry': 'Silenciar a los invitados al entrar',
  'options.autoRecording': 'Grabar automáticamente',
  'options.alternativeHosts': 'Anfitriones alternativos',
  'options.on': 'Activado',
  'options.off': 'Desactivado',
  'options.passcodeOn': 'Activado: {passcode}',
  'options.turnOn': 'Activar',
  'options.turnOff': 'Desactivar',
  'options.isHost': 'Anfitrión alternativo',
  'options.isGuest': 'Invitado',
  'options.makeHost': 'Hacer anfitrión',
  'options.removeHost': 'Quitar',
  'options.noGuests': 'Añade invitados al evento para elegir entre ellos anfitriones alternativos.',
  'options.note.saved': 'Guardado en {vendor}.',
  'options.note.savedShown': 'Guardado en {vendor}. El evento muestra los datos nuevos.',
  'options.note.notAvailable': 'Esta opción no se puede cambiar aquí.',
  'options.note.refused': '{vendor} no aceptó el cambio.',
  'options.note.unreachable': 'No se pudo contactar con {vendor}. No se cambió nada: inténtalo de nuevo.',
  'options.note.signIn': 'Inicia sesión en {vendor} primero.',
  'options.note.gone': '{vendor} ya no tiene esta reunión.',
  'defaults.header': 'Valores para reuniones nuevas',
  'defaults.hint': 'Las reuniones nuevas de {vendor} que añadas a eventos tendrán estas opciones.',
  'defaults.yours': '{value} (tu elección)',
  'defaults.organisation': '{value} (tu organización)',
  'defaults.vendorDecides': 'Según {vendor}',
  'defaults.reset': 'Usar el valor por defecto',
  'defaults.note.saved': 'Guardado. Tus reuniones nuevas lo tendrán.',
};
