import type { Catalogue } from '../catalogue';

/** Brazilian Portuguese ("você"); also what any other Portuguese reads. */
export const PT_BR: Catalogue = {
  'common.signIn': 'Fazer login',
  'common.settings': 'Configurações',
  'common.noTitle': '(sem título)',
  'common.and': '{first} e {second}',
  'common.sentences': '{first} {second}',
  'common.quoted': '"{text}"',
  'label.status': 'Status',

  'time.justNow': 'agora mesmo',
  'time.minutesAgo': { one: 'há {n} minuto', other: 'há {n} minutos' },
  'time.hoursAgo': { one: 'há {n} hora', other: 'há {n} horas' },
  'time.yesterday': 'ontem',
  'time.daysAgo': { one: 'há {n} dia', other: 'há {n} dias' },
  'time.notSet': 'não definido',
  'time.allDay': '{date} (dia inteiro)',
  'time.inZone': '{time} ({zone})',

  'retry.soon': 'Próxima tentativa: na próxima alteração da sua agenda ou na verificação de hora em hora.',
  'retry.after':
    'Próxima tentativa: na próxima alteração da sua agenda ou na verificação de hora em hora, a partir de {time}.',

  'home.title': 'Sincronização de reuniões',
  'home.subtitle': 'Mantém suas reuniões do {vendor} em dia com sua agenda',
  'home.notSetUp.header': 'Ainda não configurado',
  'home.notSetUp.body':
    'O complemento ainda não consegue acessar o {vendor}. Peça ao administrador para concluir a configuração (veja Configurações).',
  'home.signIn.header': 'Fazer login no {vendor}',
  'home.signIn.body':
    'Faça login para que o complemento possa criar reuniões do {vendor} e mantê-las em dia.',
  'home.empty':
    'Nenhuma agenda está sincronizada ainda. Escolha {vendor} em "Adicionar videoconferência" em um evento e a sincronização começa automaticamente.',
  'home.refresh': 'Atualizar',
  'home.label.meetings': 'Reuniões',
  'home.meetingsKept': { one: '{n} reunião mantida em dia', other: '{n} reuniões mantidas em dia' },
  'home.changesLooked': {
    one: '{n} alteração de evento vista na última verificação',
    other: '{n} alterações de evento vistas na última verificação',
  },
  'home.notWatched':
    'As alterações desta agenda não estão sendo detectadas. Clique em "Sincronizar agora" para retomar.',
  'home.label.waiting': 'Aguardando envio',
  'home.updates': { one: '{n} atualização', other: '{n} atualizações' },
  'home.removals': { one: '{n} remoção', other: '{n} remoções' },
  'home.waiting': {
    one: '{items} aguardando envio ao {vendor}. O envio é automático.',
    other: '{items} aguardando envio ao {vendor}. O envio é automático.',
  },
  'home.label.notSent': 'Não enviado ({count})',
  'home.problemLine': '{what} ({when}): {why}',
  'home.earlier': { one: '… e {n} anterior.', other: '… e {n} anteriores.' },
  'home.resendHint':
    'Abra o evento e clique em "Reenviar ao {vendor}" para tentar de novo, ou altere o evento.',
  'home.syncNow': 'Sincronizar agora',
  'home.checkAll': 'Verificar todos os eventos',
  'home.tryAgain': 'Tentar de novo',
  'home.dismiss': 'Dispensar estas mensagens',
  'home.stop': 'Parar de sincronizar esta agenda…',

  'hub.title': 'Suas reuniões do {vendor}',
  'hub.subtitle': 'Hoje e a próxima semana',
  'hub.today': 'Hoje',
  'hub.tomorrow': 'Amanhã',
  'hub.later': 'Mais tarde nesta semana',
  'hub.none': 'Nenhuma reunião do {vendor} na próxima semana.',
  'hub.join': 'Participar',
  'hub.allDay': 'Dia inteiro',
  'hub.allDayOn': '{day}, dia inteiro',
  'hub.mark.repairing': 'Em reparo. Abra para ver os detalhes.',
  'hub.mark.refused': 'O {vendor} recusou a última alteração. Abra para ver os detalhes.',
  'hub.unreadable': 'Não foi possível ler {calendar} agora. Atualize para tentar de novo.',
  'hub.label.sync': 'Sincronização',
  'hub.health.ok': 'Todas as reuniões estão atualizadas',
  'hub.health.lostAccess': '{calendar} não pode mais ser lida. As reuniões dela ficam como estão.',
  'hub.health.notWatched':
    'As alterações em {calendar} não estão sendo detectadas. Abra Detalhes da sincronização e toque em Sincronizar agora.',
  'hub.health.refused': {
    one: 'Não foi possível enviar {n} alteração ao {vendor}. Abra Detalhes da sincronização para tentar de novo.',
    other:
      'Não foi possível enviar {n} alterações ao {vendor}. Abra Detalhes da sincronização para tentar de novo.',
  },
  'hub.health.vendorBlocked':
    'Não foi possível verificar as reuniões no {vendor}. Abra Detalhes da sincronização para ver o motivo.',
  'hub.health.unfinished': 'A última verificação não terminou. Ela será tentada de novo.',
  'hub.health.waiting': {
    one: '{n} alteração aguarda a resposta do {vendor}. Ela é enviada automaticamente.',
    other: '{n} alterações aguardam a resposta do {vendor}. Elas são enviadas automaticamente.',
  },
  'hub.health.checking': 'Uma verificação completa da sua agenda ainda está em andamento.',
  'hub.syncDetails': 'Detalhes da sincronização',

  'summary.lostAccess':
    'Esta agenda não pode mais ser lida (excluída, cancelada a inscrição ou não mais compartilhada). Suas reuniões ficam como estão.',
  'summary.notChecked': 'Ainda não verificada.',
  'summary.error': 'Última verificação {when}: {problem}',
  'summary.syncing': 'Última verificação {when}. Uma verificação completa ainda está em andamento.',
  'summary.attention': 'Última verificação {when}. Algumas alterações precisam de atenção.',
  'summary.ok': 'Última verificação {when}. Tudo está em dia.',

  'runError.signIn': 'Aguardando você fazer login no {vendor}.',
  'runError.unfinished': 'A última verificação não terminou. Ela será repetida.',
  'runError.config':
    'O complemento ainda não está configurado. Peça ao administrador para verificar as configurações.',
  'runError.calendar': 'Não foi possível ler o Google Agenda. Haverá uma nova tentativa.',
  'runError.other': 'Algo deu errado. Haverá uma nova tentativa.',

  'setup.tooMany':
    'Esta agenda não está sendo monitorada: você tem automações de complementos demais. Pare de sincronizar uma agenda que não usa mais e clique em "Sincronizar agora".',
  'setup.other': 'Não foi possível monitorar esta agenda. Clique em "Sincronizar agora" para tentar de novo.',

  'op.remove': 'Remoção de uma reunião',
  'op.removeNamed': 'Remoção da reunião de {title}',
  'op.create': 'Criação de uma reunião',
  'op.createNamed': 'Criação da reunião de {title}',
  'op.update': 'Atualização de uma reunião',
  'op.updateNamed': 'Atualização de {title}',

  'reason.signIn': 'O {vendor} não aceitou o login.',
  'reason.forbidden': 'O {vendor} não permitiu esta alteração.',
  'reason.gone': 'A reunião não existe mais no {vendor}.',
  'reason.invalid': 'O {vendor} rejeitou os detalhes do evento.',
  'reason.unreadable': 'O {vendor} enviou uma resposta que o complemento não conseguiu ler.',
  'reason.writeBack': 'A Agenda não aceitou um novo link de reunião para o evento.',
  'reason.refused': 'O {vendor} recusou a alteração.',

  'confirm.title': 'Parar de sincronizar esta agenda?',
  'confirm.body':
    'As alterações nos eventos desta agenda não chegarão mais ao {vendor}. As reuniões existentes continuam funcionando, mas mover ou excluir seus eventos não as atualizará.',
  'confirm.dropped':
    'As alterações que aguardam envio são descartadas. Adicionar uma nova reunião do {vendor} a um evento desta agenda retoma a sincronização.',
  'confirm.cancel': 'Cancelar',
  'confirm.stop': 'Parar de sincronizar',

  'event.title': 'Reunião do {vendor}',
  'event.saveFirst': 'Salve o evento para ver a reunião dele aqui.',
  'event.otherService': 'Este evento usa outro serviço de reuniões, não o {vendor}.',
  'event.none':
    'Este evento não tem reunião do {vendor}. Escolha {vendor} em "Adicionar videoconferência" ao editar o evento.',
  'event.header.meeting': 'Reunião',
  'event.label.id': 'ID da reunião',
  'event.label.join': 'Link para participar',
  'event.join': 'Participar da reunião',
  'event.header.notSent': 'Não enviado',
  'event.resendHint': 'Se o {vendor} mostrar detalhes antigos, envie de novo os detalhes atuais do evento.',
  'event.resend': 'Reenviar ao {vendor}',
  'event.syncStatus': 'Status da sincronização',
  'state.removeAfterSignIn': 'A reunião será removida do {vendor} assim que você fizer login.',
  'state.sendAfterSignIn': 'Suas últimas alterações serão enviadas ao {vendor} assim que você fizer login.',
  'state.upToDate': 'O {vendor} tem o título, o horário e os convidados atuais.',
  'state.changed': 'Suas últimas alterações estão sendo enviadas ao {vendor}.',
  'state.queuedUpdate': 'Suas últimas alterações aguardam envio ao {vendor}. O envio é automático.',
  'state.queuedRemoval': 'A reunião aguarda remoção no {vendor}.',
  'state.notSent': 'Não foi possível enviar suas últimas alterações ao {vendor}.',
  'state.notSaved': 'O evento ainda não foi salvo.',
  'state.notTracked':
    'Esta agenda não está sendo sincronizada, então as alterações deste evento não chegam ao {vendor}.',
  'event.linkChanged':
    'O link do {vendor} mudou {when}: a reunião anterior não existia mais, então este evento tem um novo.',
  // The audit of upcoming meetings against the vendor (src/audit/)
  'audit.header': 'Reuniões verificadas com o {vendor}',
  'audit.label.repairs': 'Reparos',
  'audit.none': 'Nenhuma reunião precisou de reparo nesta semana.',
  'audit.repaired': {
    one: '{n} reunião reparada nesta semana.',
    other: '{n} reuniões reparadas nesta semana.',
  },
  'audit.lastCheck': 'Última verificação {when}.',
  'audit.label.blocked': 'Não foi possível verificar ({when})',
  'audit.blocked.unauthorized':
    'O {vendor} não aceita mais o login do complemento, então suas reuniões não puderam ser verificadas. Nada foi excluído ou alterado. Faça login de novo (ou peça ao administrador para renovar a chave).',
  'audit.blocked.forbidden':
    'O {vendor} diz que esta conta não pode mais usar essas reuniões, então elas não puderam ser verificadas. Nada foi excluído ou alterado.',
  'audit.blocked.massMissing':
    'De repente o {vendor} não tem nenhuma de muitas reuniões, o que parece um problema do lado dele. Nada foi recriado; elas são verificadas de novo a cada hora.',
  'audit.waiting': {
    one: '{n} reunião aguarda o novo link do {vendor} ser colocado no evento: abra o evento para corrigir.',
    other:
      '{n} reuniões aguardam o novo link do {vendor} ser colocado no evento: abra o evento para corrigir.',
  },
  'audit.howOften':
    'As reuniões dos próximos 14 dias são verificadas todo dia, e a cada hora no dia em que começam. Se o {vendor} perdeu uma ou mostra outros dados, os da sua agenda são restaurados.',
  'repair.header': 'Reparada',
  'repair.headerClick': 'Falta um clique',
  'repair.restored':
    'O {vendor} não tinha mais esta reunião ({when}). Ela foi restaurada com o mesmo link e os dados deste evento.',
  'repair.recreated':
    'O {vendor} não tinha mais esta reunião ({when}). Uma nova foi criada e colocada no evento: o link acima é o novo.',
  'repair.resent':
    'O {vendor} mostrava outros dados que este evento: {what} ({when}). Os dados do evento foram enviados de novo.',
  'repair.aspect.title': 'título',
  'repair.aspect.time': 'horário',
  'repair.aspect.guests': 'convidados',
  'repair.aspect.recurrence': 'repetição',
  'repair.aspectSeparator': ', ',
  'repair.refused':
    'O {vendor} não tem mais esta reunião. Uma nova foi criada ({when}), mas o Agenda não deixou o complemento colocá-la no evento.',
  'repair.button': 'Colocar a nova reunião no evento',
  'repair.note.written': 'A nova reunião do {vendor} está no evento.',
  'repair.note.refused':
    'O Agenda ainda não deixa o complemento alterar este evento. Adicione a conferência de novo manualmente.',
  'repair.note.later': 'O Agenda está ocupado agora. Tente de novo em um minuto.',
  'repair.note.nothing': 'Não há mais nada aguardando para este evento.',
  'state.restoring':
    'Este evento foi restaurado da lixeira. O complemento está recuperando a reunião do {vendor}, ou criando uma nova se o {vendor} não puder: nada a fazer.',
  'state.vendorLost':
    'O {vendor} não tem mais esta reunião. O complemento está recuperando-a, ou criando uma nova e colocando-a no evento: nada a fazer.',
  'state.needsConference':
    'O {vendor} não tem mais esta reunião, e o Agenda não deixou o complemento colocar uma nova no evento. Pressione o botão abaixo ou adicione a conferência de novo.',
  'vendor.header': 'O que o {vendor} tem',
  'vendor.label.title': 'Título',
  'vendor.noTitleYet': '(ainda sem título)',
  'vendor.label.starts': 'Início',
  'vendor.label.ends': 'Término',
  'vendor.label.guests': 'Convidados',
  'vendor.guests': { one: '{n} convidado', other: '{n} convidados' },
  'vendor.label.repeats': 'Repete',
  'vendor.yes': 'Sim',
  'vendor.label.updated': 'Última atualização',
  'vendor.missing': 'O {vendor} não tem mais esta reunião.',
  'vendor.unauthorized': 'O {vendor} não aceitou o login, então os detalhes não podem ser mostrados.',
  'vendor.unavailable':
    'Não foi possível acessar o {vendor} agora, então os detalhes não podem ser mostrados.',

  'settings.title': 'Configurações',
  'settings.subtitle': 'Conexão com o {vendor}',
  'settings.label.address': 'Endereço do {vendor}',
  'settings.notSet': 'Não definido',
  'settings.label.signIn': 'Login',
  'settings.apiKey': 'Com uma chave definida pelo administrador (oculta)',
  'settings.signedIn': 'Cada pessoa faz login no {vendor}. Você fez login.',
  'settings.notSignedIn': 'Cada pessoa faz login no {vendor}. Você não fez login.',
  'settings.invalid': 'O login no {vendor} não está configurado corretamente.',
  'settings.label.problem': 'Problema de configuração',
  'settings.label.test': 'Teste de conexão',
  'settings.test': 'Testar conexão',
  'settings.signOut': 'Sair',
  'settings.back': 'Voltar',
  'settings.signInFirst': 'Faça login primeiro e depois teste a conexão.',
  'test.ok': 'Conectado. O {vendor} respondeu em {seconds} s.',
  'test.unreachable': 'Não foi possível acessar o {vendor}. Verifique o endereço.',
  'test.rejected': 'O {vendor} não aceitou a chave ou o login.',
  'test.forbidden': 'O {vendor} aceitou o login, mas não permite este complemento.',
  'test.vendorError': 'O {vendor} está com problemas agora (erro {detail}). Tente de novo mais tarde.',

  'note.notSetUp': 'O complemento ainda não está configurado. Veja Configurações.',
  'note.signInFirst': 'Faça login no {vendor} primeiro.',
  'note.handedOver': 'Outra verificação está em andamento. Esta agenda é verificada logo depois.',
  'note.continues': 'Iniciado. O resto da verificação continua em segundo plano.',
  'note.unfinished': 'A verificação não terminou. Ela será repetida.',
  'note.waiting': {
    one: 'Verificado. {n} alteração aguardando envio ao {vendor}.',
    other: 'Verificado. {n} alterações aguardando envio ao {vendor}.',
  },
  'note.checkedAll': 'Tudo foi verificado de novo.',
  'note.upToDate': 'Verificado. Tudo está em dia.',
  'note.busy': 'Uma sincronização está em andamento. Tente de novo em um minuto.',
  'note.stopped': 'A sincronização de {calendar} foi interrompida.',
  'note.nothingToResend': 'Nada para reenviar.',
  'note.notSynced': 'Esta agenda não está sendo sincronizada.',
  'note.removed': 'A reunião foi removida do {vendor}, porque o evento não a tem mais.',
  'note.sent': 'Enviado ao {vendor}.',
  'note.refused': 'O {vendor} não aceitou: {why}',
  'note.refusedNoReason': 'O {vendor} não aceitou a alteração.',
  'note.unreachable': 'Não foi possível acessar o {vendor}. O envio será automático.',
  'note.finishSetup': 'Conclua a configuração (e faça login) primeiro.',
  'note.signedOut': 'Você saiu do {vendor}.',

  'auth.done': 'Você fez login. Pode fechar esta guia.',
  'auth.cancelled': 'O login foi cancelado. Feche esta guia e tente de novo.',

  'conference.notes':
    'Reunião do {vendor}. As alterações de título, horário e convidados do evento chegam ao {vendor} automaticamente.',

  // Meeting options and the defaults for new meetings (issue 23, parts 2-3)
  'options.header': 'Opções da reunião',
  'options.hint': 'Cada alteração vai para {vendor} na hora.',
  'options.passcode': 'Senha',
  'options.waitingRoom': 'Sala de espera',
  'options.joinBeforeHost': 'Convidados podem entrar antes do organizador',
  'options.muteOnEntry': 'Silenciar convidados ao entrar',
  'options.autoRecording': 'Gravar automaticamente',
  'options.alternativeHosts': 'Organizadores alternativos',
  'options.on': 'Ativado',
  'options.off': 'Desativado',
  'options.passcodeOn': 'Ativado: {passcode}',
  'options.turnOn': 'Ativar',
  'options.turnOff': 'Desativar',
  'options.isHost': 'Organizador alternativo',
  'options.isGuest': 'Convidado',
  'options.makeHost': 'Tornar organizador',
  'options.removeHost': 'Remover',
  'options.noGuests': 'Adicione convidados ao evento para escolher entre eles organizadores alternativos.',
  'options.note.saved': 'Salvo em {vendor}.',
  'options.note.savedShown': 'Salvo em {vendor}. O evento mostra os dados novos.',
  'options.note.notAvailable': 'Esta opção não pode ser alterada aqui.',
  'options.note.refused': '{vendor} não aceitou a alteração.',
  'options.note.unreachable': 'Não foi possível falar com {vendor}. Nada foi alterado: tente de novo.',
  'options.note.signIn': 'Faça login em {vendor} primeiro.',
  'options.note.gone': '{vendor} não tem mais esta reunião.',
  'defaults.header': 'Padrão para reuniões novas',
  'defaults.hint': 'As reuniões novas de {vendor} que você adicionar a eventos terão estas opções.',
  'defaults.yours': '{value} (sua escolha)',
  'defaults.organisation': '{value} (sua organização)',
  'defaults.vendorDecides': 'Como {vendor} decidir',
  'defaults.reset': 'Usar o padrão',
  'defaults.note.saved': 'Salvo. Suas reuniões novas terão isso.',
};
