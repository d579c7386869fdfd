import type { Catalogue } from '../catalogue';

/** French ("vous"). Intl.PluralRules('fr') puts 0 and 1 in `one`. */
export const FR: Catalogue = {
  'common.signIn': 'Se connecter',
  'common.settings': 'Paramètres',
  'common.noTitle': '(sans titre)',
  'common.and': '{first} et {second}',
  'common.sentences': '{first} {second}',
  'common.quoted': '« {text} »',
  'label.status': 'État',

  'time.justNow': "à l'instant",
  'time.minutesAgo': { one: 'il y a {n} minute', other: 'il y a {n} minutes' },
  'time.hoursAgo': { one: 'il y a {n} heure', other: 'il y a {n} heures' },
  'time.yesterday': 'hier',
  'time.daysAgo': { one: 'il y a {n} jour', other: 'il y a {n} jours' },
  'time.notSet': 'non défini',
  'time.allDay': '{date} (toute la journée)',
  'time.inZone': '{time} ({zone})',

  'retry.soon': 'Prochain essai : à la prochaine modification de votre agenda ou à la vérification horaire.',
  'retry.after':
    'Prochain essai : à la prochaine modification de votre agenda ou à la vérification horaire, à partir de {time}.',

  'home.title': 'Synchro des réunions',
  'home.subtitle': 'Garde vos réunions {vendor} en phase avec votre agenda',
  'home.notSetUp.header': 'Pas encore configuré',
  'home.notSetUp.body':
    'Le module complémentaire ne peut pas encore joindre {vendor}. Demandez à votre administrateur de terminer la configuration (voir Paramètres).',
  'home.signIn.header': 'Se connecter à {vendor}',
  'home.signIn.body':
    'Connectez-vous pour que le module complémentaire puisse créer des réunions {vendor} et les tenir à jour.',
  'home.empty':
    "Aucun agenda n'est encore synchronisé. Choisissez {vendor} sous « Ajouter une visioconférence » dans un événement : la synchro démarre automatiquement.",
  'home.refresh': 'Actualiser',
  'home.label.meetings': 'Réunions',
  'home.meetingsKept': { one: '{n} réunion tenue à jour', other: '{n} réunions tenues à jour' },
  'home.changesLooked': {
    one: '{n} modification examinée lors de la dernière vérification',
    other: '{n} modifications examinées lors de la dernière vérification',
  },
  'home.notWatched':
    'Les modifications de cet agenda ne sont plus détectées. Cliquez sur « Synchroniser » pour relancer.',
  'home.label.waiting': "En attente d'envoi",
  'home.updates': { one: '{n} mise à jour', other: '{n} mises à jour' },
  'home.removals': { one: '{n} suppression', other: '{n} suppressions' },
  'home.waiting': {
    one: "{items} en attente d'envoi à {vendor}. L'envoi est automatique.",
    other: "{items} en attente d'envoi à {vendor}. L'envoi est automatique.",
  },
  'home.label.notSent': "Échec de l'envoi ({count})",
  'home.problemLine': '{what} ({when}) : {why}',
  'home.earlier': { one: '… et {n} plus ancien.', other: '… et {n} plus anciens.' },
  'home.resendHint':
    "Ouvrez l'événement et cliquez sur « Renvoyer à {vendor} » pour réessayer, ou modifiez l'événement.",
  'home.syncNow': 'Synchroniser',
  'home.checkAll': 'Revérifier tous les événements',
  'home.tryAgain': 'Réessayer',
  'home.dismiss': 'Effacer ces messages',
  'home.stop': 'Arrêter la synchro de cet agenda…',

  'hub.title': 'Vos réunions {vendor}',
  'hub.subtitle': "Aujourd'hui et la semaine à venir",
  'hub.today': "Aujourd'hui",
  'hub.tomorrow': 'Demain',
  'hub.later': 'Plus tard cette semaine',
  'hub.none': 'Aucune réunion {vendor} dans la semaine à venir.',
  'hub.join': 'Rejoindre',
  'hub.allDay': 'Toute la journée',
  'hub.allDayOn': '{day}, toute la journée',
  'hub.mark.repairing': 'En cours de réparation. Ouvrir pour les détails.',
  'hub.mark.refused': '{vendor} a refusé la dernière modification. Ouvrir pour les détails.',
  'hub.unreadable': "{calendar} n'a pas pu être lu pour l'instant. Actualisez pour réessayer.",
  'hub.label.sync': 'Synchronisation',
  'hub.health.ok': 'Toutes les réunions sont à jour',
  'hub.health.lostAccess': '{calendar} ne peut plus être lu. Ses réunions restent telles quelles.',
  'hub.health.notWatched':
    'Les modifications de {calendar} ne sont pas prises en compte. Ouvrez Détails de la synchro et appuyez sur Synchroniser.',
  'hub.health.refused': {
    one: "{n} modification n'a pas pu être envoyée à {vendor}. Ouvrez Détails de la synchro pour réessayer.",
    other:
      "{n} modifications n'ont pas pu être envoyées à {vendor}. Ouvrez Détails de la synchro pour réessayer.",
  },
  'hub.health.vendorBlocked':
    "Les réunions n'ont pas pu être vérifiées chez {vendor}. Ouvrez Détails de la synchro pour savoir pourquoi.",
  'hub.health.unfinished': "La dernière vérification n'a pas abouti. Elle sera relancée.",
  'hub.health.waiting': {
    one: '{n} modification attend une réponse de {vendor}. Elle sera envoyée automatiquement.',
    other: '{n} modifications attendent une réponse de {vendor}. Elles seront envoyées automatiquement.',
  },
  'hub.health.checking': 'Une vérification complète de votre agenda est en cours.',
  'hub.syncDetails': 'Détails de la synchro',

  'summary.lostAccess':
    "Cet agenda n'est plus lisible (supprimé, désabonné ou plus partagé). Ses réunions restent telles quelles.",
  'summary.notChecked': 'Pas encore vérifié.',
  'summary.error': 'Dernière vérification {when} : {problem}',
  'summary.syncing': 'Dernière vérification {when}. Une vérification complète est en cours.',
  'summary.attention': 'Dernière vérification {when}. Certaines modifications demandent votre attention.',
  'summary.ok': 'Dernière vérification {when}. Tout est à jour.',

  'runError.signIn': 'En attente de votre connexion à {vendor}.',
  'runError.unfinished': "La dernière vérification n'a pas abouti. Elle sera relancée.",
  'runError.config':
    "Le module complémentaire n'est pas encore configuré. Demandez à votre administrateur de vérifier ses paramètres.",
  'runError.calendar': "Google Agenda n'a pas pu être lu. Nouvel essai plus tard.",
  'runError.other': 'Un problème est survenu. Nouvel essai plus tard.',

  'setup.tooMany':
    "Cet agenda n'est pas surveillé : vous avez trop d'automatisations de modules complémentaires. Arrêtez la synchro d'un agenda inutilisé, puis cliquez sur « Synchroniser ».",
  'setup.other': "Cet agenda n'a pas pu être surveillé. Cliquez sur « Synchroniser » pour réessayer.",

  'op.remove': "Suppression d'une réunion",
  'op.removeNamed': 'Suppression de la réunion de {title}',
  'op.create': "Création d'une réunion",
  'op.createNamed': 'Création de la réunion de {title}',
  'op.update': "Mise à jour d'une réunion",
  'op.updateNamed': 'Mise à jour de {title}',

  'reason.signIn': "{vendor} n'a pas accepté la connexion.",
  'reason.forbidden': "{vendor} n'a pas autorisé cette modification.",
  'reason.gone': "La réunion n'existe plus chez {vendor}.",
  'reason.invalid': "{vendor} a refusé les détails de l'événement.",
  'reason.unreadable': '{vendor} a envoyé une réponse illisible pour le module complémentaire.',
  'reason.writeBack': "Agenda n'a pas accepté de nouveau lien de réunion pour l'événement.",
  'reason.refused': '{vendor} a refusé la modification.',

  'confirm.title': 'Arrêter la synchro de cet agenda ?',
  'confirm.body':
    'Les modifications des événements de cet agenda ne parviendront plus à {vendor}. Les réunions existantes fonctionnent toujours, mais déplacer ou supprimer leurs événements ne les mettra pas à jour.',
  'confirm.dropped':
    "Les modifications en attente d'envoi sont abandonnées. Ajouter une nouvelle réunion {vendor} à un événement de cet agenda relance la synchro.",
  'confirm.cancel': 'Annuler',
  'confirm.stop': 'Arrêter la synchro',

  'event.title': 'Réunion {vendor}',
  'event.saveFirst': "Enregistrez l'événement pour voir sa réunion ici.",
  'event.otherService': 'Cet événement utilise un autre service de réunion que {vendor}.',
  'event.none':
    "Cet événement n'a pas de réunion {vendor}. Choisissez {vendor} sous « Ajouter une visioconférence » en modifiant l'événement.",
  'event.header.meeting': 'Réunion',
  'event.label.id': 'ID de la réunion',
  'event.label.join': 'Lien pour participer',
  'event.join': 'Participer',
  'event.header.notSent': "Échec de l'envoi",
  'event.resendHint': "Si {vendor} affiche d'anciens détails, renvoyez les détails actuels de l'événement.",
  'event.resend': 'Renvoyer à {vendor}',
  'event.syncStatus': 'État de la synchro',
  'state.removeAfterSignIn': 'La réunion sera supprimée chez {vendor} dès que vous vous connecterez.',
  'state.sendAfterSignIn':
    'Vos dernières modifications seront envoyées à {vendor} dès que vous vous connecterez.',
  'state.upToDate': "{vendor} a le titre, l'heure et les invités à jour.",
  'state.changed': "Vos dernières modifications sont en cours d'envoi à {vendor}.",
  'state.queuedUpdate':
    "Vos dernières modifications attendent d'être envoyées à {vendor}. L'envoi est automatique.",
  'state.queuedRemoval': "La réunion attend d'être supprimée chez {vendor}.",
  'state.notSent': "Vos dernières modifications n'ont pas pu être envoyées à {vendor}.",
  'state.notSaved': "L'événement n'a pas encore été enregistré.",
  'state.notTracked':
    "Cet agenda n'est pas synchronisé : les modifications de cet événement ne parviennent pas à {vendor}.",
  'event.linkChanged':
    'Le lien {vendor} a changé {when} : l’ancienne réunion n’existait plus, cet événement en a donc un nouveau.',
  // The audit of upcoming meetings against the vendor (src/audit/)
  'audit.header': 'Réunions vérifiées auprès de {vendor}',
  'audit.label.repairs': 'Réparations',
  'audit.none': 'Aucune réunion n’a dû être réparée cette semaine.',
  'audit.repaired': {
    one: '{n} réunion réparée cette semaine.',
    other: '{n} réunions réparées cette semaine.',
  },
  'audit.lastCheck': 'Dernière vérification {when}.',
  'audit.label.blocked': 'Vérification impossible ({when})',
  'audit.blocked.unauthorized':
    '{vendor} n’accepte plus la connexion du module, vos réunions n’ont donc pas pu être vérifiées. Rien n’a été supprimé ni modifié. Reconnectez-vous (ou demandez à votre administrateur de renouveler la clé).',
  'audit.blocked.forbidden':
    'Selon {vendor}, ce compte ne peut plus utiliser ces réunions : elles n’ont pas pu être vérifiées. Rien n’a été supprimé ni modifié.',
  'audit.blocked.massMissing':
    '{vendor} n’a soudain plus aucune de nombreuses réunions, ce qui ressemble à un problème de son côté. Rien n’a été recréé ; elles sont revérifiées toutes les heures.',
  'audit.waiting': {
    one: '{n} réunion attend que son nouveau lien {vendor} soit ajouté à l’événement : ouvrez l’événement pour corriger.',
    other:
      '{n} réunions attendent que leur nouveau lien {vendor} soit ajouté à l’événement : ouvrez l’événement pour corriger.',
  },
  'audit.howOften':
    'Les réunions des 14 prochains jours sont vérifiées chaque jour, et toutes les heures le jour même. Si {vendor} en a perdu une ou affiche d’autres détails, ceux de votre agenda sont rétablis.',
  'repair.header': 'Réparée',
  'repair.headerClick': 'Un clic nécessaire',
  'repair.restored':
    '{vendor} n’avait plus cette réunion ({when}). Elle a été rétablie avec le même lien et les détails de cet événement.',
  'repair.recreated':
    '{vendor} n’avait plus cette réunion ({when}). Une nouvelle a été créée et ajoutée à l’événement : le lien ci-dessus est le nouveau.',
  'repair.resent':
    '{vendor} affichait d’autres détails que cet événement : {what} ({when}). Les détails de l’événement ont été renvoyés.',
  'repair.aspect.title': 'titre',
  'repair.aspect.time': 'heure',
  'repair.aspect.guests': 'invités',
  'repair.aspect.recurrence': 'répétition',
  'repair.aspectSeparator': ', ',
  'repair.refused':
    '{vendor} n’a plus cette réunion. Une nouvelle a été créée ({when}), mais Agenda n’a pas permis au module de l’ajouter à l’événement.',
  'repair.button': 'Ajouter la nouvelle réunion',
  'repair.note.written': 'La nouvelle réunion {vendor} est sur l’événement.',
  'repair.note.refused':
    'Agenda ne permet toujours pas au module de modifier cet événement. Ajoutez de nouveau la conférence à la main.',
  'repair.note.later': 'Agenda est occupé pour le moment. Réessayez dans une minute.',
  'repair.note.nothing': 'Plus rien n’attend pour cet événement.',
  'state.restoring':
    'Cet événement a été restauré depuis la corbeille. Le module récupère sa réunion {vendor}, ou en crée une nouvelle si {vendor} ne le peut pas : rien à faire.',
  'state.vendorLost':
    "{vendor} n'a plus cette réunion. Le module la récupère, ou en crée une nouvelle et l'ajoute à l'événement : rien à faire.",
  'state.needsConference':
    "{vendor} n'a plus cette réunion, et Agenda n'a pas laissé le module en ajouter une nouvelle à l'événement. Appuyez sur le bouton ci-dessous ou ajoutez de nouveau la conférence.",
  'vendor.header': 'Ce que {vendor} a',
  'vendor.label.title': 'Titre',
  'vendor.noTitleYet': '(pas encore de titre)',
  'vendor.label.starts': 'Début',
  'vendor.label.ends': 'Fin',
  'vendor.label.guests': 'Invités',
  'vendor.guests': { one: '{n} invité', other: '{n} invités' },
  'vendor.label.repeats': 'Périodique',
  'vendor.yes': 'Oui',
  'vendor.label.updated': 'Dernière mise à jour',
  'vendor.missing': "{vendor} n'a plus cette réunion.",
  'vendor.unauthorized': "{vendor} n'a pas accepté la connexion : ses détails ne peuvent pas être affichés.",
  'vendor.unavailable': "{vendor} n'a pas pu être joint : ses détails ne peuvent pas être affichés.",

  'settings.title': 'Paramètres',
  'settings.subtitle': 'Connexion à {vendor}',
  'settings.label.address': 'Adresse {vendor}',
  'settings.notSet': 'Non définie',
  'settings.label.signIn': 'Connexion',
  'settings.apiKey': 'Avec une clé définie par votre administrateur (masquée)',
  'settings.signedIn': 'Chaque personne se connecte à {vendor}. Vous êtes connecté.',
  'settings.notSignedIn': "Chaque personne se connecte à {vendor}. Vous n'êtes pas connecté.",
  'settings.invalid': "La connexion à {vendor} n'est pas bien configurée.",
  'settings.label.problem': 'Problème de configuration',
  'settings.label.test': 'Test de connexion',
  'settings.test': 'Tester la connexion',
  'settings.signOut': 'Se déconnecter',
  'settings.back': 'Retour',
  'settings.signInFirst': "Connectez-vous d'abord, puis testez la connexion.",
  'test.ok': 'Connecté. {vendor} a répondu en {seconds} s.',
  'test.unreachable': "Impossible de joindre {vendor}. Vérifiez l'adresse.",
  'test.rejected': "{vendor} n'a pas accepté la clé ou la connexion.",
  'test.forbidden': "{vendor} a accepté la connexion mais n'autorise pas ce module complémentaire.",
  'test.vendorError': '{vendor} rencontre un problème (erreur {detail}). Réessayez plus tard.',

  'note.notSetUp': "Le module complémentaire n'est pas encore configuré. Voir Paramètres.",
  'note.signInFirst': "Connectez-vous d'abord à {vendor}.",
  'note.handedOver': 'Une autre vérification est en cours. Cet agenda sera vérifié juste après.',
  'note.continues': 'Lancé. La suite de la vérification continue en arrière-plan.',
  'note.unfinished': "La vérification n'a pas abouti. Elle sera relancée.",
  'note.waiting': {
    one: "Vérifié. {n} modification en attente d'envoi à {vendor}.",
    other: "Vérifié. {n} modifications en attente d'envoi à {vendor}.",
  },
  'note.checkedAll': 'Tout a été revérifié.',
  'note.upToDate': 'Vérifié. Tout est à jour.',
  'note.busy': 'Une synchro est en cours. Réessayez dans une minute.',
  'note.stopped': 'Synchro de {calendar} arrêtée.',
  'note.nothingToResend': 'Rien à renvoyer.',
  'note.notSynced': "Cet agenda n'est pas synchronisé.",
  'note.removed': "La réunion a été supprimée chez {vendor}, car l'événement ne l'a plus.",
  'note.sent': 'Envoyé à {vendor}.',
  'note.refused': "{vendor} ne l'a pas accepté : {why}",
  'note.refusedNoReason': "{vendor} n'a pas accepté la modification.",
  'note.unreachable': "{vendor} n'a pas pu être joint. L'envoi se fera automatiquement.",
  'note.finishSetup': "Terminez d'abord la configuration (et connectez-vous).",
  'note.signedOut': 'Déconnecté de {vendor}.',

  'auth.done': 'Vous êtes connecté. Vous pouvez fermer cet onglet.',
  'auth.cancelled': 'La connexion a été annulée. Fermez cet onglet et réessayez.',

  'conference.notes':
    "Réunion {vendor}. Les modifications du titre, de l'heure et des invités de l'événement parviennent automatiquement à {vendor}.",

  // Meeting options and the defaults for new meetings (issue 23, parts 2-3)
  'options.header': 'Options de la réunion',
  'options.hint': 'Une modification est envoyée à {vendor} aussitôt.',
  'options.passcode': "Code d'accès",
  'options.waitingRoom': "Salle d'attente",
  'options.joinBeforeHost': "Les invités peuvent rejoindre avant l'hôte",
  'options.muteOnEntry': 'Couper le micro des invités à leur arrivée',
  'options.autoRecording': 'Enregistrer automatiquement',
  'options.alternativeHosts': 'Hôtes suppléants',
  'options.on': 'Activé',
  'options.off': 'Désactivé',
  'options.passcodeOn': 'Activé : {passcode}',
  'options.turnOn': 'Activer',
  'options.turnOff': 'Désactiver',
  'options.isHost': 'Hôte suppléant',
  'options.isGuest': 'Invité',
  'options.makeHost': 'Rendre hôte',
  'options.removeHost': 'Retirer',
  'options.noGuests': "Ajoutez des invités à l'événement pour choisir parmi eux des hôtes suppléants.",
  'options.note.saved': 'Enregistré chez {vendor}.',
  'options.note.savedShown': "Enregistré chez {vendor}. L'événement affiche les nouvelles informations.",
  'options.note.notAvailable': 'Cette option ne peut pas être modifiée ici.',
  'options.note.refused': "{vendor} n'a pas accepté la modification.",
  'options.note.unreachable': "{vendor} n'a pas pu être joint. Rien n'a été modifié : réessayez.",
  'options.note.signIn': "Connectez-vous d'abord à {vendor}.",
  'options.note.gone': "{vendor} n'a plus cette réunion.",
  'defaults.header': 'Par défaut pour les nouvelles réunions',
  'defaults.hint': 'Les nouvelles réunions {vendor} que vous ajoutez aux événements reçoivent ces options.',
  'defaults.yours': '{value} (votre choix)',
  'defaults.organisation': '{value} (votre organisation)',
  'defaults.vendorDecides': 'Selon {vendor}',
  'defaults.reset': 'Valeur par défaut',
  'defaults.note.saved': 'Enregistré. Vos nouvelles réunions en tiendront compte.',
};
