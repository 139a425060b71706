<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>ArchivedStart</name>
    <message>
        <source>“%1” is archived: it was closed in Salesforce.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: elle a été fermée dans Salesforce.</translation>
    </message>
    <message>
        <source>“%1” is archived: “%2” above it was closed in Salesforce.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: «&#xa0;%2&#xa0;», au-dessus, a été fermée dans Salesforce.</translation>
    </message>
    <message>
        <source>“%1” is archived: it was deleted in Salesforce.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: elle a été supprimée dans Salesforce.</translation>
    </message>
    <message>
        <source>“%1” is archived: “%2” above it was deleted in Salesforce.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: «&#xa0;%2&#xa0;», au-dessus, a été supprimée dans Salesforce.</translation>
    </message>
    <message>
        <source>“%1” is archived: it was no longer visible to you in Salesforce.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: elle n’était plus visible pour vous dans Salesforce.</translation>
    </message>
    <message>
        <source>“%1” is archived: “%2” above it was no longer visible to you in Salesforce.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: «&#xa0;%2&#xa0;», au-dessus, n’était plus visible pour vous dans Salesforce.</translation>
    </message>
    <message>
        <source>“%1” is archived: it was excluded from synchronization.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: elle a été exclue de la synchronisation.</translation>
    </message>
    <message>
        <source>“%1” is archived: “%2” above it was excluded from synchronization.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: «&#xa0;%2&#xa0;», au-dessus, a été exclue de la synchronisation.</translation>
    </message>
    <message>
        <source>“%1” is archived.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée.</translation>
    </message>
    <message>
        <source>“%1” is archived: “%2” above it was archived.</source>
        <translation>«&#xa0;%1&#xa0;» est archivée&#xa0;: «&#xa0;%2&#xa0;», au-dessus, a été archivée.</translation>
    </message>
    <message>
        <source>Start on an archived task?</source>
        <translation>Démarrer sur une tâche archivée&#x202f;?</translation>
    </message>
    <message>
        <source>Start the timer on it anyway?</source>
        <translation>Démarrer le minuteur dessus quand même&#x202f;?</translation>
    </message>
    <message>
        <source>Start timer</source>
        <translation>Démarrer le minuteur</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <source>No task</source>
        <translation>Aucune tâche</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>Impossible d’écrire %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2.</source>
        <translation>Impossible de supprimer %1&#xa0;: %2.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Chart of the report</source>
        <translation>Graphique du rapport</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more in the table</source>
        <translation>
            <numerusform>… et %n autre dans le tableau</numerusform>
            <numerusform>… et %n autres dans le tableau</numerusform>
        </translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>Facturable</translation>
    </message>
    <message>
        <source>Not billable</source>
        <translation>Non facturable</translation>
    </message>
    <message>
        <source>%1
Total %2 · billable %3 · not billable %4</source>
        <translation>%1
Total %2 · facturable %3 · non facturable %4</translation>
    </message>
</context>
<context>
    <name>CaFileRow</name>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The system&apos;s certificates (no file of your own)</source>
        <translation>Les certificats du système (aucun fichier personnel)</translation>
    </message>
    <message>
        <source>CA certificate file:</source>
        <translation>Fichier de certificats d’autorité&#xa0;:</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Fichier de certificats d’autorité</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Changer…</translation>
    </message>
    <message>
        <source>Trust another certificate file from the next request on</source>
        <translation>Faire confiance à un autre fichier de certificats dès la prochaine requête réseau</translation>
    </message>
    <message>
        <source>Use the system&apos;s</source>
        <translation>Utiliser ceux du système</translation>
    </message>
    <message>
        <source>Trust only the certificates that come with Stint</source>
        <translation>Ne faire confiance qu’aux certificats fournis avec Stint</translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>API name</source>
        <translation>Nom d’API</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Type to filter by label or API name</source>
        <translation>Tapez pour filtrer par libellé ou nom d’API</translation>
    </message>
    <message>
        <source>Type to filter</source>
        <translation>Tapez pour filtrer</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>not found in Salesforce</source>
        <translation>introuvable dans Salesforce</translation>
    </message>
    <message>
        <source>  (custom)</source>
        <translation>  (personnalisé)</translation>
    </message>
    <message>
        <source>%1 chosen.</source>
        <translation>Choisis&#xa0;: %1.</translation>
    </message>
    <message>
        <source>None chosen.</source>
        <translation>Aucun choix.</translation>
    </message>
</context>
<context>
    <name>ChoiceRow</name>
    <message>
        <source>Connect to Salesforce to change this: the list of what this object offers comes from Salesforce. This is the current choice.</source>
        <translation>Connectez-vous à Salesforce pour modifier ce choix&#xa0;: la liste de ce que propose cet objet vient de Salesforce. Voici le choix actuel.</translation>
    </message>
    <message>
        <source>Set by your administrator. This is the current choice.</source>
        <translation>Défini par votre administrateur. Voici le choix actuel.</translation>
    </message>
    <message>
        <source>Fields shown…</source>
        <translation>Champs affichés…</translation>
    </message>
    <message>
        <source>Subtasks from…</source>
        <translation>Sous-tâches depuis…</translation>
    </message>
    <message>
        <source>Fields shown with opportunities</source>
        <translation>Champs affichés avec les opportunités</translation>
    </message>
    <message>
        <source>Subtasks of opportunities</source>
        <translation>Sous-tâches des opportunités</translation>
    </message>
    <message>
        <source>Fields shown with cases</source>
        <translation>Champs affichés avec les requêtes</translation>
    </message>
    <message>
        <source>Subtasks of cases</source>
        <translation>Sous-tâches des requêtes</translation>
    </message>
    <message>
        <source>Fields shown with %1</source>
        <translation>Champs affichés avec %1</translation>
    </message>
    <message>
        <source>Subtasks of %1</source>
        <translation>Sous-tâches de %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
</context>
<context>
    <name>ConnectForm</name>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>My Domain (custom URL)</source>
        <translation>Mon domaine (URL personnalisée)</translation>
    </message>
    <message>
        <source>Salesforce ends password sign-in: new orgs have it turned off, and from Summer &apos;27 no org accepts it. Browser sign-in is the recommended way.</source>
        <translation>Salesforce met fin à la connexion par mot de passe&#xa0;: elle est désactivée dans les nouvelles organisations, et à partir de la version Summer ’27 aucune organisation ne l’accepte. La connexion par le navigateur est la méthode recommandée.</translation>
    </message>
    <message>
        <source>Salesforce environment</source>
        <translation>Environnement Salesforce</translation>
    </message>
    <message>
        <source>Login URL</source>
        <translation>URL de connexion</translation>
    </message>
    <message>
        <source>Sign in with the &amp;browser (recommended)</source>
        <translation>Se connecter avec le &amp;navigateur (recommandé)</translation>
    </message>
    <message>
        <source>Sign in with a code on another device (when no browser here can be used)</source>
        <translation>Se connecter avec un code sur un autre appareil (si aucun navigateur n’est utilisable ici)</translation>
    </message>
    <message>
        <source>&amp;Username, password and security token</source>
        <translation>Nom d’&amp;utilisateur, mot de passe et jeton de sécurité</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Security token</source>
        <translation>Jeton de sécurité</translation>
    </message>
    <message>
        <source>Not needed from a trusted network</source>
        <translation>Inutile depuis un réseau de confiance</translation>
    </message>
    <message>
        <source>Userna&amp;me</source>
        <translation>N&amp;om d’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>Mot de &amp;passe</translation>
    </message>
    <message>
        <source>Security &amp;token</source>
        <translation>&amp;Jeton de sécurité</translation>
    </message>
    <message>
        <source>A&amp;dvanced</source>
        <translation>Options &amp;avancées</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Clé du consommateur</translation>
    </message>
    <message>
        <source>From your org&apos;s connected app</source>
        <translation>Celle de l’application connectée de votre organisation</translation>
    </message>
    <message>
        <source>Consumer secret</source>
        <translation>Secret du consommateur</translation>
    </message>
    <message>
        <source>Only if the connected app requires it</source>
        <translation>Seulement si l’application connectée l’exige</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>URL de rappel</translation>
    </message>
    <message>
        <source>Where the browser sign-in comes back to Stint. The connected app in Salesforce must list exactly this URL as a callback URL.</source>
        <translation>L’adresse où la connexion par le navigateur revient à Stint. L’application connectée dans Salesforce doit indiquer exactement cette URL comme URL de rappel.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the callback URL for your administrator</source>
        <translation>Copier l’URL de rappel pour votre administrateur</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Fichier de certificats d’autorité</translation>
    </message>
    <message>
        <source>Only if your network inspects HTTPS traffic</source>
        <translation>Seulement si votre réseau inspecte le trafic HTTPS</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Consumer &amp;key</source>
        <translation>&amp;Clé du consommateur</translation>
    </message>
    <message>
        <source>CA f&amp;ile</source>
        <translation>F&amp;ichier de certificats</translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation>Acti&amp;ver</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Envi&amp;ronment</source>
        <translation>Envi&amp;ronnement</translation>
    </message>
    <message>
        <source>&amp;Login URL</source>
        <translation>URL de conne&amp;xion</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Enter your Salesforce username.</source>
        <translation>Saisissez votre nom d’utilisateur Salesforce.</translation>
    </message>
    <message>
        <source>Enter your Salesforce password.</source>
        <translation>Saisissez votre mot de passe Salesforce.</translation>
    </message>
</context>
<context>
    <name>ConnectionProblem</name>
    <message>
        <source>Signing in through the browser or with a code needs the consumer key of your org&apos;s connected app (--consumer-key, or ask your administrator).</source>
        <translation>La connexion par le navigateur ou avec un code nécessite la clé du consommateur de l’application connectée de votre organisation (--consumer-key, ou demandez-la à votre administrateur).</translation>
    </message>
    <message>
        <source>Signing in with a code did not complete; try again.</source>
        <translation>La connexion avec un code n’a pas abouti&#x202f;; réessayez.</translation>
    </message>
    <message>
        <source>could not be found (the name does not resolve)</source>
        <translation>est introuvable (le nom ne se résout pas)</translation>
    </message>
    <message>
        <source>refused the connection or could not be reached</source>
        <translation>a refusé la connexion ou est injoignable</translation>
    </message>
    <message>
        <source>closed the connection unexpectedly</source>
        <translation>a fermé la connexion de façon inattendue</translation>
    </message>
    <message>
        <source>could not be reached</source>
        <translation>est injoignable</translation>
    </message>
    <message>
        <source>did not answer in time</source>
        <translation>n’a pas répondu à temps</translation>
    </message>
    <message>
        <source>Something went wrong while talking to Salesforce.</source>
        <translation>Un problème est survenu lors de l’échange avec Salesforce.</translation>
    </message>
    <message>
        <source>The login URL is not valid. Use https://login.salesforce.com, https://test.salesforce.com or your My Domain URL.</source>
        <translation>L’URL de connexion n’est pas valide. Utilisez https://login.salesforce.com, https://test.salesforce.com ou l’URL de Mon domaine de votre organisation.</translation>
    </message>
    <message>
        <source>The login URL must start with https:// so that your credentials are never sent unencrypted.</source>
        <translation>L’URL de connexion doit commencer par https:// pour que vos identifiants de connexion ne soient jamais envoyés en clair.</translation>
    </message>
    <message>
        <source>Salesforce did not accept the username, password or security token. Check them and try again.</source>
        <translation>Salesforce n’a pas accepté le nom d’utilisateur, le mot de passe ou le jeton de sécurité. Vérifiez-les et réessayez.</translation>
    </message>
    <message>
        <source>Salesforce refused API access for this user; make sure API access is enabled for your profile (&apos;API Enabled&apos; permission).</source>
        <translation>Salesforce a refusé l’accès API à cet utilisateur&#x202f;; vérifiez que l’accès API est activé pour votre profil (autorisation «&#xa0;API activée&#xa0;»).</translation>
    </message>
    <message>
        <source>Stint has no saved sign-in for Salesforce on this computer; connect again.</source>
        <translation>Stint n’a aucun identifiant de connexion Salesforce enregistré sur cet ordinateur&#x202f;; reconnectez-vous.</translation>
    </message>
    <message>
        <source>Stint&apos;s access was revoked; sign in again.</source>
        <translation>L’accès de Stint a été révoqué&#x202f;; reconnectez-vous.</translation>
    </message>
    <message>
        <source>Signing in through the browser did not complete; try again.</source>
        <translation>La connexion par le navigateur n’a pas abouti&#x202f;; réessayez.</translation>
    </message>
    <message>
        <source>Stint waited too long for the browser sign-in to finish; try again. If the browser showed &quot;redirect_uri_mismatch&quot;, the connected app does not list Stint&apos;s callback URL %1: your Salesforce administrator must add it.</source>
        <translation>Stint a attendu trop longtemps la fin de la connexion dans le navigateur&#x202f;; réessayez. Si le navigateur a affiché «&#xa0;redirect_uri_mismatch&#xa0;», l’application connectée n’indique pas l’URL de rappel de Stint, %1&#xa0;: votre administrateur Salesforce doit l’ajouter.</translation>
    </message>
    <message>
        <source>Access to Salesforce was not allowed in the browser, so Stint is not connected.</source>
        <translation>L’accès à Salesforce n’a pas été autorisé dans le navigateur&#xa0;: Stint n’est donc pas connecté.</translation>
    </message>
    <message>
        <source>The browser sign-in answer did not belong to the request Stint made, so it was ignored for your safety; try signing in again.</source>
        <translation>La réponse de connexion du navigateur ne correspondait pas à la demande de Stint&#xa0;: elle a été ignorée pour votre sécurité. Essayez de vous reconnecter.</translation>
    </message>
    <message>
        <source>Salesforce does not recognise the consumer key: this org has no connected app with it. Check the consumer key in the connection settings (Advanced).</source>
        <translation>Salesforce ne reconnaît pas la clé du consommateur&#xa0;: cette organisation n’a aucune application connectée qui l’utilise. Vérifiez la clé du consommateur dans les paramètres de connexion (Options avancées).</translation>
    </message>
    <message>
        <source>This connected app requires a consumer secret. Enter it under Advanced, or ask your Salesforce administrator to turn off &quot;Require Secret for Web Server Flow&quot; and &quot;Require Secret for Refresh Token Flow&quot; (Stint signs in with PKCE instead).</source>
        <translation>Cette application connectée exige un secret du consommateur. Saisissez-le dans les Options avancées, ou demandez à votre administrateur Salesforce de désactiver «&#xa0;Require Secret for Web Server Flow&#xa0;» et «&#xa0;Require Secret for Refresh Token Flow&#xa0;» (Stint se connecte alors avec PKCE).</translation>
    </message>
    <message>
        <source>Salesforce did not accept the consumer secret: it is not this connected app&apos;s. Copy it again from the app&apos;s settings in Salesforce.</source>
        <translation>Salesforce n’a pas accepté le secret du consommateur&#xa0;: ce n’est pas celui de cette application connectée. Copiez-le à nouveau depuis les paramètres de l’application dans Salesforce.</translation>
    </message>
    <message>
        <source>The connected app does not allow the access Stint asks for. Your Salesforce administrator must select these OAuth scopes: api, id, refresh_token.</source>
        <translation>L’application connectée n’autorise pas l’accès que demande Stint. Votre administrateur Salesforce doit sélectionner ces portées OAuth&#xa0;: api, id, refresh_token.</translation>
    </message>
    <message>
        <source>Sign-in with a code is not enabled for this connected app. Ask your Salesforce administrator to turn on &quot;Enable Device Flow&quot;, or sign in with the browser.</source>
        <translation>La connexion avec un code n’est pas activée pour cette application connectée. Demandez à votre administrateur Salesforce d’activer «&#xa0;Enable Device Flow&#xa0;», ou connectez-vous avec le navigateur.</translation>
    </message>
    <message>
        <source>The sign-in code expired before it was used; start the sign-in again.</source>
        <translation>Le code de connexion a expiré avant d’être utilisé&#x202f;; recommencez la connexion.</translation>
    </message>
    <message>
        <source>Another program on this computer is using port %1, where Stint receives the browser sign-in. Close that program and try again, or sign in with a code instead; your administrator can also move Stint to another port (the connected app must then list the new callback URL).</source>
        <translation>Un autre programme de cet ordinateur utilise le port %1, où Stint reçoit la connexion du navigateur. Fermez ce programme et réessayez, ou connectez-vous plutôt avec un code&#x202f;; votre administrateur peut aussi faire passer Stint sur un autre port (l’application connectée doit alors indiquer la nouvelle URL de rappel).</translation>
    </message>
    <message>
        <source>Salesforce no longer accepts password sign-in for this org (SOAP API login() is turned off or retired). Sign in with the browser instead, or with a code where no browser can be used on this computer.</source>
        <translation>Salesforce n’accepte plus la connexion par mot de passe pour cette organisation (login() de l’API SOAP est désactivé ou retiré). Connectez-vous plutôt avec le navigateur, ou avec un code si aucun navigateur n’est utilisable sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Your Salesforce session expired and could not be renewed; sign in again.</source>
        <translation>Votre session Salesforce a expiré et n’a pas pu être renouvelée&#x202f;; reconnectez-vous.</translation>
    </message>
    <message>
        <source>%1 %2. Check the login URL and your network connection, then try again.</source>
        <translation>%1 %2. Vérifiez l’URL de connexion et votre connexion réseau, puis réessayez.</translation>
    </message>
    <message>
        <source>choose it in Settings (Connection: CA certificate file), or run `stint settings set ca_file PATH`</source>
        <translation>choisissez-le dans les Paramètres (Connexion&#xa0;: Fichier de certificats d’autorité), ou exécutez `stint settings set ca_file PATH`</translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be verified with the CA certificate file %2 (it is not the certificate this server&apos;s is signed with, or no certificate at all), so Stint did not send anything. Get the right file from your IT department and %3; leave the setting empty if your network does not inspect HTTPS traffic.</source>
        <translation>La connexion sécurisée à %1 n’a pas pu être vérifiée avec le fichier de certificats d’autorité %2 (ce n’est pas le certificat qui a signé celui de ce serveur, ou ce n’est pas un certificat du tout)&#xa0;: Stint n’a donc rien envoyé. Demandez le bon fichier à votre service informatique et %3&#x202f;; laissez ce paramètre vide si votre réseau n’inspecte pas le trafic HTTPS.</translation>
    </message>
    <message>
        <source>The secure connection to %1 could not be verified (certificate problem), so Stint did not send anything. If your network inspects HTTPS traffic, ask your IT department for its certificate and %2.</source>
        <translation>La connexion sécurisée à %1 n’a pas pu être vérifiée (problème de certificat)&#xa0;: Stint n’a donc rien envoyé. Si votre réseau inspecte le trafic HTTPS, demandez son certificat à votre service informatique et %2.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 that Stint trusts for Salesforce is missing (moved or deleted), so Stint did not connect. Put it back, or %2.</source>
        <translation>Le fichier de certificats d’autorité %1, auquel Stint se fie pour Salesforce, est introuvable (déplacé ou supprimé)&#xa0;: Stint ne s’est donc pas connecté. Remettez-le en place, ou %2.</translation>
    </message>
    <message>
        <source>Your Salesforce org has used up its daily API request limit; Stint will try again later.</source>
        <translation>Votre organisation Salesforce a épuisé sa limite quotidienne d’appels API&#x202f;; Stint réessaiera plus tard.</translation>
    </message>
    <message>
        <source>%1 sent an answer Stint could not read (incomplete or not in the format Salesforce uses). Try again later.</source>
        <translation>%1 a envoyé une réponse que Stint n’a pas pu lire (incomplète ou pas au format de Salesforce). Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Salesforce (%1) had a problem answering (HTTP %2). Try again later.</source>
        <translation>Salesforce (%1) a rencontré un problème pour répondre (HTTP %2). Réessayez plus tard.</translation>
    </message>
    <message>
        <source>no details given</source>
        <translation>aucun détail fourni</translation>
    </message>
    <message>
        <source>Salesforce rejected a request: %1 (%2).</source>
        <translation>Salesforce a refusé une demande&#xa0;: %1 (%2).</translation>
    </message>
    <message>
        <source>Salesforce no longer offers the API version this Stint uses (it was retired). Update Stint to keep syncing.</source>
        <translation>Salesforce ne propose plus la version d’API qu’utilise ce Stint (elle a été retirée). Mettez Stint à jour pour continuer à synchroniser.</translation>
    </message>
    <message>
        <source>A request to Salesforce was too long for it to accept (the address and headers may hold at most 16,384 bytes). This is a bug in Stint; please report it.</source>
        <translation>Une demande à Salesforce était trop longue pour qu’il l’accepte (l’adresse et les en-têtes peuvent contenir au plus 16&#x202f;384 octets). C’est un bogue de Stint&#x202f;; merci de le signaler.</translation>
    </message>
    <message>
        <source>Salesforce ended the browser sign-in with the error &quot;%1&quot;; try again, or ask your Salesforce administrator.</source>
        <translation>Salesforce a mis fin à la connexion dans le navigateur avec l’erreur «&#xa0;%1&#xa0;»&#x202f;; réessayez, ou adressez-vous à votre administrateur Salesforce.</translation>
    </message>
    <message>
        <source>Salesforce did not accept the browser sign-in (it expired or was already used); try again.</source>
        <translation>Salesforce n’a pas accepté la connexion par le navigateur (elle a expiré ou a déjà été utilisée)&#x202f;; réessayez.</translation>
    </message>
    <message>
        <source>This Salesforce user or org is inactive; ask your administrator.</source>
        <translation>Cet utilisateur ou cette organisation Salesforce est inactif&#x202f;; adressez-vous à votre administrateur.</translation>
    </message>
</context>
<context>
    <name>DurationError</name>
    <message>
        <source>Enter a duration such as 1:30, 1h30 or 90m.</source>
        <translation>Saisissez une durée comme 1:30, 1h30 ou 90m.</translation>
    </message>
    <message>
        <source>“%1” is not a duration; use a form such as 1:30, 1h30 or 90m.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une durée&#x202f;; utilisez une forme comme 1:30, 1h30 ou 90m.</translation>
    </message>
    <message>
        <source>A duration must be longer than zero.</source>
        <translation>Une durée doit être supérieure à zéro.</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>Enter the Salesforce username.</source>
        <translation>Saisissez le nom d’utilisateur Salesforce.</translation>
    </message>
    <message>
        <source>Enter the Salesforce password.</source>
        <translation>Saisissez le mot de passe Salesforce.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 does not exist: choose an existing certificate file (PEM).</source>
        <translation>Le fichier de certificats d’autorité %1 n’existe pas&#xa0;: choisissez un fichier de certificats existant (PEM).</translation>
    </message>
    <message>
        <source>The profile folder cannot be created: %1</source>
        <translation>Le dossier du profil ne peut pas être créé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The sync did not finish.</source>
        <translation>La synchronisation ne s’est pas terminée.</translation>
    </message>
    <message>
        <source>There is no task with the id %1 on this profile.</source>
        <translation>Ce profil n’a aucune tâche d’Id %1.</translation>
    </message>
    <message>
        <source>Stint is not connected to Salesforce on this profile; run `stint connect` first.</source>
        <translation>Stint n’est pas connecté à Salesforce sur ce profil&#x202f;; exécutez d’abord `stint connect`.</translation>
    </message>
    <message>
        <source>Stint has no saved sign-in for this profile: without a usable system keyring a sign-in lasts for the process that made it only. Start the keyring (or use the app) and run `stint connect` again.</source>
        <translation>Stint n’a aucun identifiant de connexion enregistré pour ce profil&#xa0;: sans trousseau de clés système utilisable, une connexion ne dure que le temps du processus qui l’a faite. Démarrez le trousseau de clés (ou utilisez l’application) et exécutez à nouveau `stint connect`.</translation>
    </message>
    <message>
        <source>The setting %1 is locked by your administrator&apos;s policy and cannot be changed.</source>
        <translation>Le paramètre %1 est verrouillé par les règles de votre administrateur et ne peut pas être modifié.</translation>
    </message>
    <message>
        <source>A sync is already running for this profile (in this or another Stint process); wait for it to finish.</source>
        <translation>Une synchronisation est déjà en cours pour ce profil (dans ce processus Stint ou un autre)&#x202f;; attendez qu’elle se termine.</translation>
    </message>
    <message>
        <source>The synchronization stopped unexpectedly (exit code %1); the log says more.</source>
        <translation>La synchronisation s’est arrêtée de façon inattendue (code de sortie %1)&#x202f;; le journal en dit plus.</translation>
    </message>
    <message>
        <source>Signing in stopped unexpectedly; the log file has the details.</source>
        <translation>La connexion s’est arrêtée de façon inattendue&#x202f;; le fichier journal donne les détails.</translation>
    </message>
</context>
<context>
    <name>EntriesService</name>
    <message>
        <source>Undo add</source>
        <translation>Annuler l’ajout</translation>
    </message>
    <message>
        <source>Undo edit</source>
        <translation>Annuler la modification</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Annuler la suppression</translation>
    </message>
</context>
<context>
    <name>EntryEditorDialog</name>
    <message>
        <source>Edit entry</source>
        <translation>Modifier l’entrée</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Ajouter une entrée</translation>
    </message>
    <message>
        <source>ne&amp;xt day</source>
        <translation>&amp;jour suivant</translation>
    </message>
    <message>
        <source>The entry ends on the day after it starts</source>
        <translation>L’entrée se termine le lendemain de son début</translation>
    </message>
    <message>
        <source>Type a duration such as 1:30, 1h30, 90m or 1.5h</source>
        <translation>Saisissez une durée comme 1:30, 1h30, 90m ou 1,5h</translation>
    </message>
    <message>
        <source>&amp;Billable</source>
        <translation>&amp;Facturable</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tâche</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Heure</translation>
    </message>
    <message>
        <source>D&amp;uration</source>
        <translation>D&amp;urée</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>La fin doit suivre le début.</translation>
    </message>
    <message>
        <source>Pick a task from the list, or clear the field for no task.</source>
        <translation>Choisissez une tâche dans la liste, ou videz le champ pour n’en choisir aucune.</translation>
    </message>
</context>
<context>
    <name>EntryError</name>
    <message>
        <source>the running timer started at %1 on %2</source>
        <translation>le minuteur en cours, démarré à %1 le %2</translation>
    </message>
    <message>
        <source>%1–%2 on %3</source>
        <translation>%1–%2 le %3</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>An entry must end after it starts (start %1, end %2).</source>
        <translation>Une entrée doit se terminer après son début (début&#xa0;: %1, fin&#xa0;: %2).</translation>
    </message>
    <message>
        <source>This entry (%1) overlaps %2.</source>
        <translation>Cette entrée (%1) chevauche %2.</translation>
    </message>
    <message>
        <source>This entry (%1) overlaps the entry %2.</source>
        <translation>Cette entrée (%1) chevauche l’entrée %2.</translation>
    </message>
    <message>
        <source>This entry is not running.</source>
        <translation>Cette entrée n’est pas en cours.</translation>
    </message>
    <message>
        <source>The current time (%1) falls inside the entry %2; shorten that entry before starting the timer.</source>
        <translation>L’heure actuelle (%1) tombe dans l’entrée %2&#x202f;; raccourcissez cette entrée avant de démarrer le minuteur.</translation>
    </message>
    <message>
        <source>The timer is no longer running.</source>
        <translation>Le minuteur ne tourne plus.</translation>
    </message>
    <message>
        <source>There is no away time left in the running entry.</source>
        <translation>Il ne reste plus de temps d’absence dans l’entrée en cours.</translation>
    </message>
    <message>
        <source>This entry no longer exists.</source>
        <translation>Cette entrée n’existe plus.</translation>
    </message>
    <message>
        <source>The timer could not be started.</source>
        <translation>Le minuteur n’a pas pu démarrer.</translation>
    </message>
    <message>
        <source>This entry was deleted since; it cannot be reverted.</source>
        <translation>Cette entrée a été supprimée depuis&#x202f;; elle ne peut pas être rétablie.</translation>
    </message>
    <message>
        <source>The timer changed meanwhile; nothing was changed.</source>
        <translation>Le minuteur a changé entre-temps&#x202f;; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>This entry cannot be restored any more.</source>
        <translation>Cette entrée ne peut plus être restaurée.</translation>
    </message>
    <message>
        <source>A timer is already running; stop it before adding another running entry.</source>
        <translation>Un minuteur tourne déjà&#x202f;; arrêtez-le avant d’ajouter une autre entrée en cours.</translation>
    </message>
    <message>
        <source>This entry is already stored.</source>
        <translation>Cette entrée est déjà enregistrée.</translation>
    </message>
    <message>
        <source>An entry needs an end.</source>
        <translation>Une entrée doit avoir une fin.</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Re-enter password…</source>
        <translation>Ressaisir le mot de passe…</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Choose CA file…</source>
        <translation>Choisir le fichier de certificats…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>ExcludedItemsList</name>
    <message>
        <source>Excluded from synchronization (with their subtasks):</source>
        <translation>Exclus de la synchronisation (avec leurs sous-tâches)&#xa0;:</translation>
    </message>
    <message>
        <source>Include again</source>
        <translation>Réintégrer</translation>
    </message>
    <message>
        <source>Import the selected items again (with their subtasks) at the next synchronization</source>
        <translation>Importer de nouveau les éléments sélectionnés (avec leurs sous-tâches) à la prochaine synchronisation</translation>
    </message>
</context>
<context>
    <name>FileProblem</name>
    <message>
        <source>or start Stint with another profile folder (--profile DIR or STINT_HOME)</source>
        <translation>ou démarrez Stint avec un autre dossier de profil (--profile DOSSIER ou STINT_HOME)</translation>
    </message>
    <message>
        <source>The folder %1 is on a disk mounted read-only, so Stint cannot save anything there. Mount it read-write, %2.</source>
        <translation>Le dossier %1 est sur un disque monté en lecture seule&#xa0;: Stint ne peut rien y enregistrer. Montez-le en lecture-écriture, %2.</translation>
    </message>
    <message>
        <source>Stint may not write to %1 (permission denied). Give your user write access to it (e.g. chmod u+rw), %2.</source>
        <translation>Stint n’a pas le droit d’écrire dans %1 (permission refusée). Donnez à votre utilisateur le droit d’y écrire (par exemple chmod u+rw), %2.</translation>
    </message>
    <message>
        <source>The disk holding %1 is full, so Stint could not save this change. Free some space on it, then try again.</source>
        <translation>Le disque qui contient %1 est plein&#xa0;: Stint n’a pas pu enregistrer cette modification. Libérez de la place sur ce disque, puis réessayez.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1&#xa0;: %2.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Start Stint when I &amp;log in (in the tray, without a window)</source>
        <translation>Démarrer Stint à l’&amp;ouverture de session (dans la zone de notification, sans fenêtre)</translation>
    </message>
    <message>
        <source>Stint writes %1 for this.</source>
        <translation>Stint écrit pour cela %1.</translation>
    </message>
    <message>
        <source>Not for the demo: its profile is thrown away when Stint closes.</source>
        <translation>Pas pour la démonstration&#xa0;: son profil est supprimé à la fermeture de Stint.</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>As the system&apos;s region says (%1)</source>
        <translation>Selon la région du système (%1)</translation>
    </message>
    <message>
        <source>24-hour (%1)</source>
        <translation>Sur 24 heures (%1)</translation>
    </message>
    <message>
        <source>12-hour (%1)</source>
        <translation>Sur 12 heures (%1)</translation>
    </message>
    <message>
        <source>Hours and minutes (1:30)</source>
        <translation>Heures et minutes (1:30)</translation>
    </message>
    <message>
        <source>Decimal hours (%1)</source>
        <translation>Heures décimales (%1)</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>La langue du système</translation>
    </message>
    <message>
        <source>A new language applies from the next start of Stint.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de Stint.</translation>
    </message>
    <message>
        <source>&amp;Week starts on</source>
        <translation>Premier jour de la se&amp;maine</translation>
    </message>
    <message>
        <source>&amp;Times</source>
        <translation>&amp;Heures</translation>
    </message>
    <message>
        <source>&amp;Durations</source>
        <translation>&amp;Durées</translation>
    </message>
    <message>
        <source>Lang&amp;uage</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Time tracking</source>
        <translation>Suivi du temps</translation>
    </message>
    <message>
        <source>M&amp;inimum entry length for Salesforce</source>
        <translation>Durée m&amp;inimale d’une entrée pour Salesforce</translation>
    </message>
    <message>
        <source> min</source>
        <translation>&#xa0;min</translation>
    </message>
    <message>
        <source>Write shorter entries &amp;back too</source>
        <translation>Envo&amp;yer aussi les entrées plus courtes</translation>
    </message>
    <message>
        <source>Shorter entries stay in Stint (the timesheet shows their seconds) unless they are written back too. The Salesforce page shows the same setting.</source>
        <translation>Les entrées plus courtes restent dans Stint (la feuille de temps affiche leurs secondes), sauf si elles sont envoyées elles aussi. La page Salesforce affiche le même réglage.</translation>
    </message>
    <message>
        <source>&amp;Ask what to do with time away from the computer, after</source>
        <translation>Demander que &amp;faire du temps passé loin de l’ordinateur, après</translation>
    </message>
    <message>
        <source>Away means no keyboard or mouse input (as %1 tells), the screen locked, or the computer asleep.</source>
        <translation>Absent signifie aucune saisie au clavier ni à la souris (selon %1), l’écran verrouillé ou l’ordinateur en veille.</translation>
    </message>
    <message>
        <source>This desktop does not tell Stint how long it has been idle: only a locked screen or a sleeping computer count as time away.</source>
        <translation>Ce bureau n’indique pas à Stint depuis combien de temps il est inactif&#xa0;: seuls un écran verrouillé ou un ordinateur en veille comptent comme absence.</translation>
    </message>
    <message>
        <source>Notifications and reminders</source>
        <translation>Notifications et rappels</translation>
    </message>
    <message>
        <source>Show n&amp;otifications (reminders, synchronization problems)</source>
        <translation>Afficher les &amp;notifications (rappels, problèmes de synchronisation)</translation>
    </message>
    <message>
        <source>Remind me when &amp;no timer runs in working hours, every</source>
        <translation>Me rappeler quand au&amp;cun minuteur ne tourne pendant les heures de travail, toutes les</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Jours travaillés</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>D&amp;e</translation>
    </message>
    <message>
        <source>&amp;Remind me when a timer has run for more than</source>
        <translation>Me &amp;rappeler quand un minuteur tourne depuis plus de</translation>
    </message>
    <message>
        <source> h</source>
        <translation>&#xa0;h</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>Enregis&amp;trer</translation>
    </message>
    <message>
        <source>R&amp;evert</source>
        <translation>Réta&amp;blir</translation>
    </message>
    <message>
        <source>Not saved: working hours must end after they start.</source>
        <translation>Non enregistré&#xa0;: les heures de travail doivent finir après leur début.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>You were away</source>
        <translation>Vous étiez absent</translation>
    </message>
    <message>
        <source>&amp;Keep the time</source>
        <translation>&amp;Garder le temps</translation>
    </message>
    <message>
        <source>It was work on this task: nothing changes.</source>
        <translation>C’était du travail sur cette tâche&#xa0;: rien ne change.</translation>
    </message>
    <message>
        <source>&amp;Discard the time away</source>
        <translation>&amp;Retirer le temps d’absence</translation>
    </message>
    <message>
        <source>Take it out of the entry; the timer keeps running from your return.</source>
        <translation>Il est retiré de l’entrée&#x202f;; le minuteur continue depuis votre retour.</translation>
    </message>
    <message>
        <source>Discard it and &amp;stop the timer</source>
        <translation>Le retirer et arrêter le &amp;minuteur</translation>
    </message>
    <message>
        <source>The entry ends when you left.</source>
        <translation>L’entrée se termine à votre départ.</translation>
    </message>
    <message>
        <source>&amp;Give it to another task…</source>
        <translation>&amp;Donner ce temps à une autre tâche…</translation>
    </message>
    <message>
        <source>The time away becomes an entry on the task you pick; the timer keeps running on this one.</source>
        <translation>Le temps d’absence devient une entrée sur la tâche choisie&#x202f;; le minuteur continue sur celle-ci.</translation>
    </message>
    <message>
        <source>Pick the task the time away belongs to:</source>
        <translation>Choisissez la tâche à laquelle appartient ce temps d’absence&#xa0;:</translation>
    </message>
    <message>
        <source>You were away for %1</source>
        <translation>Vous étiez absent pendant %1</translation>
    </message>
    <message>
        <source>From %1 to %2 the timer ran on “%3” with no keyboard or mouse input. What was that time?</source>
        <translation>De %1 à %2, le minuteur a tourné sur «&#xa0;%3&#xa0;» sans saisie au clavier ni à la souris. À quoi correspond ce temps&#x202f;?</translation>
    </message>
</context>
<context>
    <name>ImportSettingsForm</name>
    <message>
        <source>&amp;Opportunities</source>
        <translation>&amp;Opportunités</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>Re&amp;quêtes</translation>
    </message>
    <message>
        <source>&amp;All items I can see</source>
        <translation>&amp;Tous les éléments que je peux voir</translation>
    </message>
    <message>
        <source>Onl&amp;y specific items:</source>
        <translation>Seu&amp;lement certains éléments&#xa0;:</translation>
    </message>
    <message>
        <source>Only items I o&amp;wn</source>
        <translation>Seulement les éléments dont je suis &amp;propriétaire</translation>
    </message>
    <message>
        <source>Only opportunities that reached the stage</source>
        <translation>Seulement les opportunités arrivées à l’étape</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Sync interval</source>
        <translation>Intervalle de synchronisation</translation>
    </message>
    <message>
        <source>Tell me when a synchronization brings new items assigned to me</source>
        <translation>Me prévenir quand une synchronisation apporte de nouveaux éléments qui me sont attribués</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Synchroniser toutes les</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Notifier</translation>
    </message>
    <message>
        <source>%1 fields</source>
        <translation>Champs (%1)</translation>
    </message>
    <message>
        <source>%1 subtasks</source>
        <translation>Sous-tâches (%1)</translation>
    </message>
</context>
<context>
    <name>IntegrationPage</name>
    <message>
        <source>Salesforce integration</source>
        <translation>Intégration Salesforce</translation>
    </message>
    <message>
        <source>&amp;Unlink integration…</source>
        <translation>&amp;Dissocier l’intégration…</translation>
    </message>
    <message>
        <source>Stop syncing and forget the saved sign-in; your time entries and tasks stay</source>
        <translation>Arrêter la synchronisation et oublier la connexion enregistrée&#x202f;; vos entrées de temps et vos tâches restent</translation>
    </message>
    <message>
        <source>&amp;Re-enable integration…</source>
        <translation>&amp;Réactiver l’intégration…</translation>
    </message>
    <message>
        <source>Sign in again and refresh the active items at once</source>
        <translation>Se reconnecter et actualiser aussitôt les éléments actifs</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>What to import</source>
        <translation>Quoi importer</translation>
    </message>
    <message>
        <source>Write tracked time back to Salesforce</source>
        <translation>Renvoyer le temps suivi dans Salesforce</translation>
    </message>
    <message>
        <source>Save settin&amp;gs</source>
        <translation>Enre&amp;gistrer les paramètres</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Annuler les modi&amp;fications</translation>
    </message>
    <message>
        <source>Connecting to Salesforce…</source>
        <translation>Connexion à Salesforce…</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>Vérification de la connexion…</translation>
    </message>
    <message>
        <source>your Salesforce user</source>
        <translation>votre utilisateur Salesforce</translation>
    </message>
    <message>
        <source>● Connected as %1 (%2).</source>
        <translation>● Connecté en tant que %1 (%2).</translation>
    </message>
    <message>
        <source>The integration is unlinked: nothing syncs and no sign-in is saved. Your time entries and the task list are kept. Re-enable it to sign in again.</source>
        <translation>L’intégration est dissociée&#xa0;: rien n’est synchronisé et aucune connexion n’est enregistrée. Vos entrées de temps et la liste des tâches sont conservées. Réactivez-la pour vous reconnecter.</translation>
    </message>
    <message>
        <source>Sign in again to re-enable the integration.</source>
        <translation>Reconnectez-vous pour réactiver l’intégration.</translation>
    </message>
    <message>
        <source>Connect Stint to Salesforce to import your Opportunities and Cases as tasks.</source>
        <translation>Connectez Stint à Salesforce pour importer vos opportunités et vos requêtes comme tâches.</translation>
    </message>
    <message>
        <source>The sign-in is kept for this session only (no usable keyring): %1</source>
        <translation>La connexion n’est gardée que pour cette session (aucun trousseau utilisable)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Salesforce cannot list what this object offers right now: %1 This is the current choice.</source>
        <translation>Salesforce ne peut pas lister pour l’instant ce que propose cet objet&#xa0;: %1 Voici le choix actuel.</translation>
    </message>
    <message>
        <source>Unlink integration</source>
        <translation>Dissocier l’intégration</translation>
    </message>
    <message>
        <source>Unlink Stint from Salesforce?</source>
        <translation>Dissocier Stint de Salesforce&#x202f;?</translation>
    </message>
    <message>
        <source>Stint stops synchronizing and deletes the saved sign-in from this computer. Every tracked minute and the task list stay here; you can re-enable later.</source>
        <translation>Stint arrête la synchronisation et supprime la connexion enregistrée sur cet ordinateur. Chaque minute suivie et la liste des tâches restent ici&#x202f;; vous pourrez réactiver l’intégration plus tard.</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Dissocier</translation>
    </message>
    <message>
        <source>Unlinking…</source>
        <translation>Dissociation…</translation>
    </message>
    <message>
        <source>Re-enable integration</source>
        <translation>Réactiver l’intégration</translation>
    </message>
    <message>
        <source>Re-enable the Salesforce integration?</source>
        <translation>Réactiver l’intégration Salesforce&#x202f;?</translation>
    </message>
    <message>
        <source>You will sign in to Salesforce again; Stint then refreshes all active items at once.</source>
        <translation>Vous allez vous reconnecter à Salesforce&#x202f;; Stint actualise ensuite tous les éléments actifs d’un coup.</translation>
    </message>
    <message>
        <source>Re-enable</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <source>Unlinked. Your time entries and tasks are kept.</source>
        <translation>Dissociée. Vos entrées de temps et vos tâches sont conservées.</translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation>Non enregistré&#xa0;: corrigez les champs signalés en rouge.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Non enregistré.</translation>
    </message>
    <message>
        <source>Saved. The next synchronization uses these settings.</source>
        <translation>Enregistré. La prochaine synchronisation utilisera ces paramètres.</translation>
    </message>
</context>
<context>
    <name>IntegrationService</name>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the log file has the details.</source>
        <translation>Un problème inattendu est survenu&#xa0;; le fichier journal en donne le détail.</translation>
    </message>
    <message>
        <source>Signing in to Salesforce…</source>
        <translation>Connexion à Salesforce…</translation>
    </message>
    <message>
        <source>Waiting for you to allow access in your browser…</source>
        <translation>En attente de votre autorisation dans le navigateur…</translation>
    </message>
    <message>
        <source>Waiting for you to enter the code…</source>
        <translation>En attente de la saisie du code…</translation>
    </message>
    <message>
        <source>Asking Salesforce for a sign-in code…</source>
        <translation>Demande d’un code de connexion à Salesforce…</translation>
    </message>
</context>
<context>
    <name>Locks</name>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Timesheet</source>
        <translation>Feuille de temps</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Force synchronization</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Force synchronization: synchronize with Salesforce now (Ctrl+R, F5)</source>
        <translation>Synchroniser maintenant avec Salesforce (Ctrl+R, F5)</translation>
    </message>
    <message>
        <source>Pick a task…</source>
        <translation>Choisir une tâche…</translation>
    </message>
    <message>
        <source>Start/Stop timer</source>
        <translation>Démarrer/arrêter le minuteur</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>Fermer la fenêtre</translation>
    </message>
    <message>
        <source>Quit Stint</source>
        <translation>Quitter Stint</translation>
    </message>
    <message>
        <source>&amp;Stint</source>
        <translation>&amp;Stint</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Édition</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About Stint</source>
        <translation>À &amp;propos de Stint</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Aller</translation>
    </message>
    <message>
        <source>About Stint</source>
        <translation>À propos de Stint</translation>
    </message>
    <message>
        <source>Stint %1

Time tracking for people whose work lives in Salesforce.</source>
        <translation>Stint %1

Le suivi du temps pour celles et ceux dont le travail vit dans Salesforce.</translation>
    </message>
    <message>
        <source>Starting… (synchronization follows)</source>
        <translation>Démarrage… (la synchronisation suit)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
</context>
<context>
    <name>NewItemsNotice</name>
    <message>
        <source>1 new opportunity</source>
        <translation>1 nouvelle opportunité</translation>
    </message>
    <message>
        <source>%1 new opportunities</source>
        <translation>%1 nouvelles opportunités</translation>
    </message>
    <message>
        <source>1 new case</source>
        <translation>1 nouvelle requête</translation>
    </message>
    <message>
        <source>%1 new cases</source>
        <translation>%1 nouvelles requêtes</translation>
    </message>
    <message>
        <source>1 new activity</source>
        <translation>1 nouvelle activité</translation>
    </message>
    <message>
        <source>%1 new activities</source>
        <translation>%1 nouvelles activités</translation>
    </message>
    <message>
        <source>Nothing new for you</source>
        <translation>Rien de nouveau pour vous</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 et %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 for you</source>
        <translation>%1 pour vous</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>et %1 de plus</translation>
    </message>
    <message>
        <source>Click to see it in Stint.</source>
        <translation>Cliquez pour la voir dans Stint.</translation>
    </message>
    <message>
        <source>Click to see them in Stint.</source>
        <translation>Cliquez pour les voir dans Stint.</translation>
    </message>
    <message>
        <source>Show in Stint</source>
        <translation>Afficher dans Stint</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Synchronization status is not available in this build.</source>
        <translation>L’état de la synchronisation n’est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>Connect to Salesforce with `stint connect` (the Settings page is not available in this build).</source>
        <translation>Connectez-vous à Salesforce avec `stint connect` (la page Paramètres n’est pas disponible dans cette version).</translation>
    </message>
</context>
<context>
    <name>ProblemReporter</name>
    <message>
        <source>Stint&apos;s local database is damaged: what cannot be read is missing here. Stint offers the repair again at its next start.</source>
        <translation>La base de données locale de Stint est endommagée&#xa0;: ce qui ne peut pas être lu manque ici. Stint proposera de nouveau la réparation à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the log file in %1 has the details.</source>
        <translation>Un problème inattendu est survenu&#x202f;; le fichier journal dans %1 en donne le détail.</translation>
    </message>
</context>
<context>
    <name>PushRun</name>
    <message>
        <source>The push was cancelled.</source>
        <translation>L’envoi a été annulé.</translation>
    </message>
    <message>
        <source>Write-back stopped because of an internal error (see the log).</source>
        <translation>L’envoi vers Salesforce s’est arrêté sur une erreur interne (voir le journal).</translation>
    </message>
</context>
<context>
    <name>PushSetup</name>
    <message>
        <source>The field %1 set for &apos;%2&apos; does not exist on %3.</source>
        <translation>Le champ %1 choisi pour «&#xa0;%2&#xa0;» n’existe pas sur %3.</translation>
    </message>
    <message>
        <source>%1 cannot receive time entries: no field found for %2. Set the field mapping in the write-back settings.</source>
        <translation>%1 ne peut pas recevoir de saisies de temps&#xa0;: aucun champ trouvé pour %2. Définissez la correspondance des champs dans les réglages d’envoi vers Salesforce.</translation>
    </message>
    <message>
        <source>Choose the custom object that receives time entries.</source>
        <translation>Choisissez l’objet personnalisé qui reçoit les saisies de temps.</translation>
    </message>
    <message>
        <source>Write-back is off.</source>
        <translation>L’envoi vers Salesforce est désactivé.</translation>
    </message>
</context>
<context>
    <name>QuickPicker</name>
    <message>
        <source>Pick a task</source>
        <translation>Choisir une tâche</translation>
    </message>
    <message>
        <source>Pick a task to start the timer</source>
        <translation>Choisissez une tâche pour démarrer le minuteur</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>Open in Salesforce</source>
        <translation>Ouvrir dans Salesforce</translation>
    </message>
</context>
<context>
    <name>RecordLinks</name>
    <message>
        <source>No web browser could be started. The record&apos;s address is: %1</source>
        <translation>Aucun navigateur web n’a pu être lancé. L’adresse de l’enregistrement est&#xa0;: %1</translation>
    </message>
    <message>
        <source>This task is not a Salesforce record.</source>
        <translation>Cette tâche n’est pas un enregistrement Salesforce.</translation>
    </message>
    <message>
        <source>Connect to Salesforce to open its records.</source>
        <translation>Connectez-vous à Salesforce pour ouvrir ses enregistrements.</translation>
    </message>
</context>
<context>
    <name>RecordUrl</name>
    <message>
        <source>The connected org&apos;s address is not a valid https address.</source>
        <translation>L’adresse de l’organisation connectée n’est pas une adresse https valide.</translation>
    </message>
    <message>
        <source>The connected org&apos;s address is not a plain https address.</source>
        <translation>L’adresse de l’organisation connectée n’est pas une simple adresse https.</translation>
    </message>
    <message>
        <source>%1 is not a Salesforce object name.</source>
        <translation>%1 n’est pas un nom d’objet Salesforce.</translation>
    </message>
    <message>
        <source>%1 is not a Salesforce record Id.</source>
        <translation>%1 n’est pas un Id d’enregistrement Salesforce.</translation>
    </message>
</context>
<context>
    <name>ReminderService</name>
    <message>
        <source>Start “%1”</source>
        <translation>Démarrer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Pick a task…</source>
        <translation>Choisir une tâche…</translation>
    </message>
    <message>
        <source>No timer running</source>
        <translation>Aucun minuteur en cours</translation>
    </message>
    <message>
        <source>It is %1, within your working hours, and no timer is running.</source>
        <translation>Il est %1, pendant vos heures de travail, et aucun minuteur ne tourne.</translation>
    </message>
    <message>
        <source>Timer running for more than an hour</source>
        <translation>Minuteur en cours depuis plus d’une heure</translation>
    </message>
    <message numerus="yes">
        <source>Timer running for more than %n hours</source>
        <translation>
            <numerusform>Minuteur en cours depuis plus de %n heure</numerusform>
            <numerusform>Minuteur en cours depuis plus de %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” has been running since %2. Still working on it?</source>
        <translation>«&#xa0;%1&#xa0;» tourne depuis %2. Toujours dessus&#x202f;?</translation>
    </message>
    <message>
        <source>Stop the timer</source>
        <translation>Arrêter le minuteur</translation>
    </message>
    <message>
        <source>Switch task…</source>
        <translation>Changer de tâche…</translation>
    </message>
</context>
<context>
    <name>ReportControls</name>
    <message>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Chosen days</source>
        <translation>Jours choisis</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>The period with today in it</source>
        <translation>La période qui contient aujourd’hui</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunité</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Group the time</source>
        <translation>Regrouper le temps</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>&amp;Regrouper par&#xa0;:</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>Facturable</translation>
    </message>
    <message>
        <source>Not billable</source>
        <translation>Non facturable</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entrées</translation>
    </message>
    <message>
        <source>No task</source>
        <translation>Aucune tâche</translation>
    </message>
    <message>
        <source>Task not in the cache</source>
        <translation>Tâche absente du cache</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Aucun compte</translation>
    </message>
    <message>
        <source>Not on an opportunity</source>
        <translation>Hors opportunité</translation>
    </message>
    <message>
        <source>Not on a case</source>
        <translation>Hors requête</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archivée)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Copy as table</source>
        <translation>&amp;Copier comme tableau</translation>
    </message>
    <message>
        <source>Copy these rows for a spreadsheet, a document or a mail</source>
        <translation>Copier ces lignes pour un tableur, un document ou un courriel</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <source>Save the entries of these days as CSV (the columns of stint entries --csv)</source>
        <translation>Enregistrer les entrées de ces jours en CSV (les colonnes de stint entries --csv)</translation>
    </message>
    <message>
        <source>Loading tasks…</source>
        <translation>Chargement des tâches…</translation>
    </message>
    <message>
        <source>No time recorded in these days.</source>
        <translation>Aucun temps enregistré ces jours-là.</translation>
    </message>
    <message>
        <source>Total %1 · billable %2 · not billable %3</source>
        <translation>Total %1 · facturable %2 · non facturable %3</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Saved 1 entry to %1</source>
        <translation>1 entrée enregistrée dans %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n entries to %1</source>
        <translation>
            <numerusform>%n entrée enregistrée dans %1</numerusform>
            <numerusform>%n entrées enregistrées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Copied the table.</source>
        <translation>Tableau copié.</translation>
    </message>
</context>
<context>
    <name>SalesforceNames</name>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunité</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No usable system keyring was found (%1); Stint will keep your sign-in for this session only.</source>
        <translation>Aucun trousseau système utilisable n’a été trouvé (%1)&#xa0;; Stint ne gardera votre connexion que pour cette session.</translation>
    </message>
    <message>
        <source>no keyring service is installed</source>
        <translation>aucun service de trousseau n’est installé</translation>
    </message>
    <message>
        <source>the keyring is turned off</source>
        <translation>le trousseau est désactivé</translation>
    </message>
    <message>
        <source>Could not remove %1 from the system keyring.</source>
        <translation>Impossible de retirer %1 du trousseau système.</translation>
    </message>
    <message>
        <source>only a file-based keyring is available, and Stint does not store passwords in files</source>
        <translation>seul un trousseau dans des fichiers est disponible, et Stint ne garde pas de mots de passe dans des fichiers</translation>
    </message>
    <message>
        <source>the system keyring did not keep a test value</source>
        <translation>le trousseau système n’a pas gardé une valeur de test</translation>
    </message>
    <message>
        <source>the system keyring is locked and was not unlocked</source>
        <translation>le trousseau système est verrouillé et n’a pas été déverrouillé</translation>
    </message>
    <message>
        <source>the system keyring has no default keyring, and Stint does not create one</source>
        <translation>le trousseau système n’a pas de trousseau par défaut, et Stint n’en crée pas</translation>
    </message>
    <message>
        <source>no keyring service is running</source>
        <translation>aucun service de trousseau n’est lancé</translation>
    </message>
    <message>
        <source>the system keyring did not work</source>
        <translation>le trousseau système n’a pas fonctionné</translation>
    </message>
    <message>
        <source>Could not read %1 from the system keyring: %2</source>
        <translation>Impossible de lire %1 dans le trousseau système&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not save %1 in the system keyring: %2</source>
        <translation>Impossible d’enregistrer %1 dans le trousseau système&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not remove %1 from the system keyring: %2</source>
        <translation>Impossible de retirer %1 du trousseau système&#xa0;: %2</translation>
    </message>
    <message>
        <source>No usable system keyring was found; Stint will keep your sign-in for this session only.</source>
        <translation>Aucun trousseau système utilisable n’a été trouvé&#xa0;; Stint ne gardera votre connexion que pour cette session.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <source>%1 is %2 to %3 minutes (not %4).</source>
        <translation>%1 va de %2 à %3 minutes (pas %4).</translation>
    </message>
    <message>
        <source>%1 is %2 to %3 hours (not %4).</source>
        <translation>%1 va de %2 à %3 heures (pas %4).</translation>
    </message>
    <message>
        <source>%1 is one of %2.</source>
        <translation>%1 vaut l’une de ces valeurs&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Working days are written %1 (not %2).</source>
        <translation>Les jours ouvrés s’écrivent %1 (pas %2).</translation>
    </message>
    <message>
        <source>The no-timer reminder needs at least one working day.</source>
        <translation>Le rappel «&#xa0;aucun minuteur&#xa0;» demande au moins un jour ouvré.</translation>
    </message>
    <message>
        <source>%1 is a time such as 09:00 (24-hour clock).</source>
        <translation>%1 est une heure comme 09:00 (sur 24 heures).</translation>
    </message>
    <message>
        <source>Working hours must end after they start.</source>
        <translation>Les heures de travail doivent finir après leur début.</translation>
    </message>
    <message>
        <source>Choose how to connect: browser sign-in (OAuth), a code (device) or password.</source>
        <translation>Choisissez comment vous connecter&#xa0;: par le navigateur (OAuth), avec un code (appareil) ou par mot de passe.</translation>
    </message>
    <message>
        <source>Choose to import all items or only specific items.</source>
        <translation>Choisissez d’importer tous les éléments ou seulement certains.</translation>
    </message>
    <message>
        <source>Import Opportunities, Cases, or both.</source>
        <translation>Importez les opportunités, les requêtes, ou les deux.</translation>
    </message>
    <message>
        <source>Pick at least one item to import, or import all items.</source>
        <translation>Choisissez au moins un élément à importer, ou importez tous les éléments.</translation>
    </message>
    <message>
        <source>The stage filter needs a stage name.</source>
        <translation>Le filtre par étape demande un nom d’étape.</translation>
    </message>
    <message>
        <source>Sync every %1 to %2 minutes (not %3).</source>
        <translation>Synchronisez toutes les %1 à %2 minutes (pas %3).</translation>
    </message>
    <message>
        <source>The full reconcile runs at most once an hour.</source>
        <translation>Le rapprochement complet a lieu au plus une fois par heure.</translation>
    </message>
    <message>
        <source>These are not Salesforce field names: %1.</source>
        <translation>Ce ne sont pas des noms de champs Salesforce&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Short entries are those under 0 to %1 minutes (not %2).</source>
        <translation>Les saisies courtes sont celles de moins de 0 à %1 minutes (pas %2).</translation>
    </message>
    <message>
        <source>Write-back is off, to Events, or to a custom object.</source>
        <translation>L’envoi vers Salesforce est désactivé, vers des événements, ou vers un objet personnalisé.</translation>
    </message>
    <message>
        <source>Choose the custom object that receives time entries.</source>
        <translation>Choisissez l’objet personnalisé qui reçoit les saisies de temps.</translation>
    </message>
    <message>
        <source>These are not Salesforce Ids: %1.</source>
        <translation>Ce ne sont pas des Id Salesforce&#xa0;: %1.</translation>
    </message>
    <message>
        <source>This setting is set by your administrator.</source>
        <translation>Ce réglage est fixé par votre administrateur.</translation>
    </message>
    <message>
        <source>The login URL must start with https:// (for example https://login.salesforce.com).</source>
        <translation>L’URL de connexion doit commencer par https:// (par exemple https://login.salesforce.com).</translation>
    </message>
    <message>
        <source>The login URL needs a host name, such as login.salesforce.com.</source>
        <translation>L’URL de connexion doit contenir un nom d’hôte, comme login.salesforce.com.</translation>
    </message>
    <message>
        <source>The login URL must not contain a user name or password.</source>
        <translation>L’URL de connexion ne doit contenir ni nom d’utilisateur ni mot de passe.</translation>
    </message>
    <message>
        <source>The login URL must not contain ? or # parts.</source>
        <translation>L’URL de connexion ne doit pas contenir de partie «&#xa0;?&#xa0;» ou «&#xa0;#&#xa0;».</translation>
    </message>
    <message>
        <source>The callback URL&apos;s port must be a number from 1024 to 65535.</source>
        <translation>Le port de l’URL de rappel doit être un nombre de 1024 à 65535.</translation>
    </message>
    <message>
        <source>The callback URL must start with http://localhost: Stint receives the sign-in on this computer, and Salesforce accepts plain http callbacks only for localhost.</source>
        <translation>L’URL de rappel doit commencer par http://localhost&#xa0;: Stint reçoit la connexion sur cet ordinateur, et Salesforce n’accepte les rappels en http simple que pour localhost.</translation>
    </message>
    <message>
        <source>The callback URL needs a port from 1024 to 65535, such as http://localhost:7846/oauth/callback.</source>
        <translation>L’URL de rappel doit avoir un port de 1024 à 65535, comme http://localhost:7846/oauth/callback.</translation>
    </message>
    <message>
        <source>The callback URL must not contain a user name, password, ? or # parts.</source>
        <translation>L’URL de rappel ne doit contenir ni nom d’utilisateur, ni mot de passe, ni partie «&#xa0;?&#xa0;» ou «&#xa0;#&#xa0;».</translation>
    </message>
    <message>
        <source>The stored value for %1 is not usable (%2).</source>
        <translation>La valeur enregistrée pour %1 n’est pas utilisable (%2).</translation>
    </message>
    <message>
        <source>The admin policy names an unknown setting (%1).</source>
        <translation>La stratégie d’administration nomme un réglage inconnu (%1).</translation>
    </message>
    <message>
        <source>The admin policy sets an unusable value: %1</source>
        <translation>La stratégie d’administration fixe une valeur inutilisable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Stint is still starting; try again in a moment.</source>
        <translation>Stint est encore en train de démarrer&#x202f;; réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Tracking</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Pick a task (type to search)</source>
        <translation>Choisir une tâche (tapez pour chercher)</translation>
    </message>
    <message>
        <source>Browse all tasks as a tree</source>
        <translation>Parcourir toutes les tâches en arbre</translation>
    </message>
    <message>
        <source>Move through the tasks found</source>
        <translation>Parcourir les tâches trouvées</translation>
    </message>
    <message>
        <source>Start the timer on the task chosen</source>
        <translation>Démarrer le minuteur sur la tâche choisie</translation>
    </message>
    <message>
        <source>Close the list, then clear the search</source>
        <translation>Fermer la liste, puis effacer la recherche</translation>
    </message>
    <message>
        <source>Start or stop the timer</source>
        <translation>Démarrer ou arrêter le minuteur</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>Feuille de temps</translation>
    </message>
    <message>
        <source>Add an entry (from any page)</source>
        <translation>Ajouter une entrée (depuis toute page)</translation>
    </message>
    <message>
        <source>Undo the last change (from any page)</source>
        <translation>Annuler la dernière modification (depuis toute page)</translation>
    </message>
    <message>
        <source>Edit the selected entry</source>
        <translation>Modifier l’entrée sélectionnée</translation>
    </message>
    <message>
        <source>Delete the selected entry</source>
        <translation>Supprimer l’entrée sélectionnée</translation>
    </message>
    <message>
        <source>Continue the selected entry (start its task again)</source>
        <translation>Reprendre l’entrée sélectionnée (redémarrer sa tâche)</translation>
    </message>
    <message>
        <source>Previous day or week</source>
        <translation>Jour ou semaine précédents</translation>
    </message>
    <message>
        <source>Next day or week</source>
        <translation>Jour ou semaine suivants</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Force synchronization</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Show the Timesheet, Reports, Sync or Settings page</source>
        <translation>Afficher la page Feuille de temps, Rapports, Synchronisation ou Paramètres</translation>
    </message>
    <message>
        <source>Preferences (Settings, General)</source>
        <translation>Préférences (Paramètres, Général)</translation>
    </message>
    <message>
        <source>Close the window (Stint keeps running in the tray)</source>
        <translation>Fermer la fenêtre (Stint continue dans la zone de notification)</translation>
    </message>
    <message>
        <source>Quit Stint</source>
        <translation>Quitter Stint</translation>
    </message>
    <message>
        <source>Entry editor</source>
        <translation>Éditeur d’entrée</translation>
    </message>
    <message>
        <source>Save the entry</source>
        <translation>Enregistrer l’entrée</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>SignInStatus</name>
    <message>
        <source>No browser could be opened. Open this address in your browser to sign in:</source>
        <translation>Aucun navigateur n’a pu être ouvert. Ouvrez cette adresse dans votre navigateur pour vous connecter&#xa0;:</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Adresse de connexion</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Code de connexion</translation>
    </message>
    <message>
        <source>Address to enter the code at</source>
        <translation>Adresse où saisir le code</translation>
    </message>
    <message>
        <source>On any device with a browser (your phone, another computer), open this address, sign in to Salesforce and enter the code:</source>
        <translation>Sur n’importe quel appareil muni d’un navigateur (votre téléphone, un autre ordinateur), ouvrez cette adresse, connectez-vous à Salesforce et saisissez le code&#xa0;:</translation>
    </message>
    <message>
        <source>the set-up guide (%1 in Stint&apos;s documentation)</source>
        <translation>le guide de configuration (%1 dans la documentation de Stint)</translation>
    </message>
    <message>
        <source>the set-up guide for Salesforce</source>
        <translation>le guide de configuration de Salesforce</translation>
    </message>
    <message>
        <source>Your Salesforce administrator can fix this: see the section “%1” of %2.</source>
        <translation>Votre administrateur Salesforce peut corriger cela&#xa0;: voir la section «&#xa0;%1&#xa0;» de %2.</translation>
    </message>
    <message>
        <source>Your Salesforce administrator can fix this: see %1.</source>
        <translation>Votre administrateur Salesforce peut corriger cela&#xa0;: voir %1.</translation>
    </message>
</context>
<context>
    <name>SpecificItemsPicker</name>
    <message>
        <source>Search Opportunities and Cases…</source>
        <translation>Rechercher des opportunités et des requêtes…</translation>
    </message>
    <message>
        <source>Search items to import</source>
        <translation>Rechercher les éléments à importer</translation>
    </message>
    <message>
        <source>Searching Salesforce…</source>
        <translation>Recherche dans Salesforce…</translation>
    </message>
    <message>
        <source>Connect to search Salesforce; showing the items already imported.</source>
        <translation>Connectez-vous pour chercher dans Salesforce&#x202f;; voici les éléments déjà importés.</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>Requête %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>No item chosen yet.</source>
        <translation>Aucun élément choisi pour l’instant.</translation>
    </message>
    <message>
        <source>1 item chosen.</source>
        <translation>1 élément choisi.</translation>
    </message>
    <message>
        <source>%1 items chosen.</source>
        <translation>%1 éléments choisis.</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Yesterday %1</source>
        <comment>a sample of the time column</comment>
        <translation>Hier %1</translation>
    </message>
    <message>
        <source>Recent synchronizations</source>
        <translation>Synchronisations récentes</translation>
    </message>
    <message>
        <source>Last 100 synchronized records</source>
        <translation>Les 100 derniers enregistrements synchronisés</translation>
    </message>
    <message>
        <source>Per object, selected run</source>
        <translation>Par objet, synchronisation sélectionnée</translation>
    </message>
    <message>
        <source>Per object, all recent runs</source>
        <translation>Par objet, toutes les synchronisations récentes</translation>
    </message>
    <message>
        <source>1 API call used by this run.</source>
        <translation>1 appel d’API utilisé par cette synchronisation.</translation>
    </message>
    <message>
        <source>%1 API calls used by this run.</source>
        <translation>%1 appels d’API utilisés par cette synchronisation.</translation>
    </message>
    <message>
        <source>1 API call used by these %1 runs.</source>
        <translation>1 appel d’API utilisé par ces %1 synchronisations.</translation>
    </message>
    <message>
        <source>%1 API calls used by these %2 runs.</source>
        <translation>%1 appels d’API utilisés par ces %2 synchronisations.</translation>
    </message>
</context>
<context>
    <name>StintApp</name>
    <message>
        <source>Synchronization status is loading…</source>
        <translation>Chargement de l’état de la synchronisation…</translation>
    </message>
    <message>
        <source>Settings are loading…</source>
        <translation>Chargement des paramètres…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Démonstration</translation>
    </message>
    <message>
        <source>Demo org: sign-in kept in memory only</source>
        <translation>Org de démonstration&#xa0;: connexion gardée en mémoire seulement</translation>
    </message>
    <message>
        <source>Stint cannot reach Salesforce: %1</source>
        <translation>Stint ne peut pas joindre Salesforce&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>be opened</source>
        <translation>être ouverte</translation>
    </message>
    <message>
        <source>The local database is closed.</source>
        <translation>La base de données locale est fermée.</translation>
    </message>
    <message>
        <source>The local database %1 cannot use write-ahead logging.</source>
        <translation>La base de données locale %1 ne peut pas utiliser la journalisation anticipée (WAL).</translation>
    </message>
    <message>
        <source>The local database %1 is damaged (%2). Stint can keep the damaged file aside and start a fresh database with every entry it can still read: run `stint repair`, or start the Stint app, which offers it.</source>
        <translation>La base de données locale %1 est endommagée (%2). Stint peut mettre de côté le fichier endommagé et créer une nouvelle base avec toutes les entrées encore lisibles&#xa0;: exécutez `stint repair`, ou démarrez l’application Stint, qui le propose.</translation>
    </message>
    <message>
        <source>save changes</source>
        <translation>enregistrer les modifications</translation>
    </message>
    <message>
        <source>The local database %1 is busy: another program (another Stint, a backup or file-sync tool) is writing to it, so this change was not saved. Try again in a moment; if it stays busy, close the other program.</source>
        <translation>La base de données locale %1 est occupée&#xa0;: un autre programme (un autre Stint, un outil de sauvegarde ou de synchronisation de fichiers) y écrit, cette modification n’a donc pas été enregistrée. Réessayez dans un instant&#x202f;; si elle reste occupée, fermez l’autre programme.</translation>
    </message>
    <message>
        <source>The local database %1 is read-only, so Stint could not %2. Make the file and its folder writable for your user, %3.</source>
        <translation>La base de données locale %1 est en lecture seule&#xa0;: Stint n’a pas pu %2. Rendez le fichier et son dossier modifiables par votre utilisateur, %3.</translation>
    </message>
    <message>
        <source>The local database %1 could not %2 (%3).</source>
        <translation>La base de données locale %1 n’a pas pu %2 (%3).</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Stint (schema %1, this version knows up to %2). Update Stint to open it.</source>
        <translation>Cette base de données a été écrite par une version plus récente de Stint (schéma %1, cette version connaît jusqu’au %2). Mettez Stint à jour pour l’ouvrir.</translation>
    </message>
    <message>
        <source>The fresh database %1 could not be written (%2).</source>
        <translation>La nouvelle base de données %1 n’a pas pu être écrite (%2).</translation>
    </message>
</context>
<context>
    <name>StoreRepair</name>
    <message>
        <source>Stint&apos;s data file is damaged</source>
        <translation>Le fichier de données de Stint est endommagé</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Réparer</translation>
    </message>
    <message>
        <source>Stint&apos;s local database is damaged: part of what it holds cannot be read.</source>
        <translation>La base de données locale de Stint est endommagée&#xa0;: une partie de son contenu ne peut pas être lue.</translation>
    </message>
    <message>
        <source>Repair keeps the damaged file aside (it is never deleted) and starts a fresh database with every time entry and setting Stint can still read from it. Your tasks come back from Salesforce with the next synchronization. Stint closes its window and opens again when done.

What SQLite reported: %1</source>
        <translation>La réparation met de côté le fichier endommagé (il n’est jamais supprimé) et crée une nouvelle base avec chaque entrée de temps et chaque réglage que Stint peut encore y lire. Vos tâches reviennent de Salesforce à la prochaine synchronisation. Stint ferme sa fenêtre et la rouvre une fois terminé.

Ce que SQLite a signalé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Repair keeps the damaged file aside (it is never deleted) and starts a fresh database with every time entry and setting Stint can still read from it. Your tasks come back from Salesforce with the next synchronization.

What SQLite reported: %1</source>
        <translation>La réparation met de côté le fichier endommagé (il n’est jamais supprimé) et crée une nouvelle base avec chaque entrée de temps et chaque réglage que Stint peut encore y lire. Vos tâches reviennent de Salesforce à la prochaine synchronisation.

Ce que SQLite a signalé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Stint started a fresh database with 1 time entry recovered from the damaged one.</source>
        <translation>Stint a créé une nouvelle base avec 1 entrée de temps récupérée de l’ancienne.</translation>
    </message>
    <message>
        <source>Stint started a fresh database with %1 time entries recovered from the damaged one.</source>
        <translation>Stint a créé une nouvelle base avec %1 entrées de temps récupérées de l’ancienne.</translation>
    </message>
    <message>
        <source>Stint&apos;s data file is repaired</source>
        <translation>Le fichier de données de Stint est réparé</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1 in %2.</source>
        <translation>Le fichier endommagé est conservé sous le nom %1 dans %2.</translation>
    </message>
    <message>
        <source>Some records could not be read and are not in the fresh database (in: %1). They may still be in the damaged file.</source>
        <translation>Certains enregistrements n’ont pas pu être lus et ne sont pas dans la nouvelle base (dans&#xa0;: %1). Ils se trouvent peut-être encore dans le fichier endommagé.</translation>
    </message>
    <message>
        <source>Stint cannot start</source>
        <translation>Stint ne peut pas démarrer</translation>
    </message>
</context>
<context>
    <name>SyncCounts</name>
    <message>
        <source>Created</source>
        <translation>Créés</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifiés</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermés</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimés</translation>
    </message>
    <message>
        <source>Not visible</source>
        <translation>Plus visibles</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Exclus</translation>
    </message>
    <message>
        <source>Archived (other)</source>
        <translation>Archivés (autre)</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurés</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échecs</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <source>Synchronizing now; new and changed tasks appear as they arrive.</source>
        <translation>Synchronisation en cours&#x202f;; les tâches nouvelles et modifiées apparaissent à mesure qu’elles arrivent.</translation>
    </message>
    <message>
        <source>The last synchronization did not work: the Sync page (and the message at the top of the window, until you close it) says why and what to do.</source>
        <translation>La dernière synchronisation n’a pas abouti&#xa0;: la page Synchronisation (et le message en haut de la fenêtre, tant que vous ne le fermez pas) dit pourquoi et quoi faire.</translation>
    </message>
    <message>
        <source>The last synchronization failed.</source>
        <translation>La dernière synchronisation a échoué.</translation>
    </message>
    <message>
        <source>The last synchronization was cancelled.</source>
        <translation>La dernière synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>The last synchronization was interrupted.</source>
        <translation>La dernière synchronisation a été interrompue.</translation>
    </message>
    <message>
        <source>The last synchronization was stopped by Salesforce&apos;s daily API limit.</source>
        <translation>La dernière synchronisation a été arrêtée par la limite quotidienne d’API de Salesforce.</translation>
    </message>
    <message>
        <source>The last synchronization is still running.</source>
        <translation>La dernière synchronisation est encore en cours.</translation>
    </message>
    <message>
        <source>Not synchronized yet.</source>
        <translation>Pas encore synchronisé.</translation>
    </message>
    <message>
        <source>Tasks are up to date (synchronized at %1).</source>
        <translation>Les tâches sont à jour (synchronisées à %1).</translation>
    </message>
    <message>
        <source>The last synchronization was %1.</source>
        <translation>La dernière synchronisation a été %1.</translation>
    </message>
</context>
<context>
    <name>SyncPauseRow</name>
    <message>
        <source>Synchronizing automatically.</source>
        <translation>Synchronisation automatique.</translation>
    </message>
    <message>
        <source>Synchronization settings are loading…</source>
        <translation>Chargement des paramètres de synchronisation…</translation>
    </message>
    <message>
        <source>Resume synchronization</source>
        <translation>Reprendre la synchronisation</translation>
    </message>
    <message>
        <source>Pause synchronization</source>
        <translation>Suspendre la synchronisation</translation>
    </message>
    <message>
        <source>Synchronize again on schedule, and send the time entries that waited</source>
        <translation>Synchroniser de nouveau selon le calendrier, et envoyer les entrées de temps en attente</translation>
    </message>
    <message>
        <source>Stop synchronizing for now without unlinking (it stays paused after a restart)</source>
        <translation>Arrêter la synchronisation pour l’instant sans dissocier (elle reste en pause après un redémarrage)</translation>
    </message>
</context>
<context>
    <name>SyncRun</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>La synchronisation a été annulée.</translation>
    </message>
    <message>
        <source>The sync stopped on an internal error (see the log).</source>
        <translation>La synchronisation s’est arrêtée sur une erreur interne (voir le journal).</translation>
    </message>
</context>
<context>
    <name>SyncService</name>
    <message>
        <source>Synchronization failed unexpectedly; see the log for details.</source>
        <translation>La synchronisation a échoué de façon inattendue&#x202f;; le journal donne les détails.</translation>
    </message>
    <message>
        <source>Stint is still starting; try again in a moment.</source>
        <translation>Stint est encore en train de démarrer&#x202f;; réessayez dans un instant.</translation>
    </message>
</context>
<context>
    <name>SyncStatusView</name>
    <message>
        <source>&amp;Force synchronization</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
    <message>
        <source>Synchronize with Salesforce now (Ctrl+R, F5)</source>
        <translation>Synchroniser avec Salesforce maintenant (Ctrl+R, F5)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier du &amp;journal</translation>
    </message>
    <message>
        <source>The log files, for you or your support (no passwords or tokens are ever written there)</source>
        <translation>Les fichiers journaux, pour vous ou votre support (aucun mot de passe ni jeton n’y est jamais écrit)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the running synchronization</source>
        <translation>Arrêter la synchronisation en cours</translation>
    </message>
    <message>
        <source>Synchronizing now.</source>
        <translation>Synchronisation en cours.</translation>
    </message>
    <message>
        <source>Cancelling: the synchronization stops at its next step…</source>
        <translation>Annulation&#xa0;: la synchronisation s’arrête à sa prochaine étape…</translation>
    </message>
</context>
<context>
    <name>SyncTables</name>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivé</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>not visible</source>
        <translation>plus visible</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>exclu</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>fermés&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>supprimés&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 no longer visible</source>
        <translation>plus visibles&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 excluded</source>
        <translation>exclus&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>API calls</source>
        <translation>Appels d’API</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>%1 archived (%2)</source>
        <translation>archivés&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 archived</source>
        <translation>archivés&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 created, %2 modified, %3, %4 restored</source>
        <translation>créés&#xa0;: %1, modifiés&#xa0;: %2, %3, restaurés&#xa0;: %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Archived by synchronizations from before Stint recorded why</source>
        <translation>Archivés par des synchronisations antérieures à l’enregistrement du motif par Stint</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy, HH:mm:ss</source>
        <translation>dddd d MMMM yyyy &apos;à&apos; HH:mm:ss</translation>
    </message>
</context>
<context>
    <name>SyncText</name>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussie</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrompue</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Limite d’API atteinte</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>réussie</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrompue</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>limite d’API atteinte</translation>
    </message>
    <message>
        <source>From Salesforce</source>
        <translation>Depuis Salesforce</translation>
    </message>
    <message>
        <source>To Salesforce</source>
        <translation>Vers Salesforce</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Complète</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Hier %1</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>moins d’une minute</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>&lt; %1</source>
        <translation>&lt; %1</translation>
    </message>
    <message>
        <source>1 API call</source>
        <translation>1 appel d’API</translation>
    </message>
    <message>
        <source>%1 API calls</source>
        <translation>%1 appels d’API</translation>
    </message>
    <message>
        <source>Never synchronized yet.</source>
        <translation>Aucune synchronisation pour l’instant.</translation>
    </message>
    <message>
        <source>Last synchronization: %1 — %2 (%3).</source>
        <translation>Dernière synchronisation&#xa0;: %1 — %2 (%3).</translation>
    </message>
    <message>
        <source>Automatic synchronization is off: connect on the Settings page.</source>
        <translation>La synchronisation automatique est désactivée&#xa0;: connectez-vous dans la page Paramètres.</translation>
    </message>
    <message>
        <source>No synchronization is scheduled.</source>
        <translation>Aucune synchronisation n’est planifiée.</translation>
    </message>
    <message>
        <source>Next synchronization: now.</source>
        <translation>Prochaine synchronisation&#xa0;: maintenant.</translation>
    </message>
    <message>
        <source>Next synchronization: %1 (in %2).</source>
        <translation>Prochaine synchronisation&#xa0;: %1 (dans %2).</translation>
    </message>
    <message>
        <source>Synchronizing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Synchronizing %1: %2 of %3 records</source>
        <translation>Synchronisation (%1)&#xa0;: %2 enregistrements sur %3</translation>
    </message>
    <message>
        <source>Synchronizing %1: %2 records</source>
        <translation>Synchronisation (%1)&#xa0;: %2 enregistrements</translation>
    </message>
    <message>
        <source>Synchronizing %1…</source>
        <translation>Synchronisation (%1)…</translation>
    </message>
    <message>
        <source>Salesforce API calls: not reported yet (shown after the next synchronization).</source>
        <translation>Appels d’API Salesforce&#xa0;: pas encore connus (affichés après la prochaine synchronisation).</translation>
    </message>
    <message>
        <source>Salesforce API calls in the last 24 hours: %1 of %2 (%3%).</source>
        <translation>Appels d’API Salesforce sur les dernières 24 heures&#xa0;: %1 sur %2 (%3&#xa0;%).</translation>
    </message>
    <message>
        <source>sooner than usual: the last sync failed</source>
        <translation>plus tôt que d’habitude&#xa0;: la dernière synchronisation a échoué</translation>
    </message>
    <message>
        <source>later than usual: the org has used %1% of its daily API calls</source>
        <translation>plus tard que d’habitude&#xa0;: l’organisation a utilisé %1&#xa0;% de ses appels d’API quotidiens</translation>
    </message>
    <message>
        <source>later than usual: Salesforce refused more API calls today</source>
        <translation>plus tard que d’habitude&#xa0;: Salesforce refuse d’autres appels d’API aujourd’hui</translation>
    </message>
    <message>
        <source>Not synchronized yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>Last sync %1: %2</source>
        <translation>Dernière synchro %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Last sync %1: succeeded, 1 change</source>
        <translation>Dernière synchro %1&#xa0;: réussie, 1 modification</translation>
    </message>
    <message>
        <source>Last sync %1: succeeded, %2 changes</source>
        <translation>Dernière synchro %1&#xa0;: réussie, %2 modifications</translation>
    </message>
    <message>
        <source>Nothing is read from or sent to Salesforce until you resume; time entries wait here. Force synchronization still synchronizes once.</source>
        <translation>Rien n’est lu depuis Salesforce ni envoyé vers Salesforce avant la reprise&#x202f;; les entrées de temps attendent ici. «&#xa0;Synchroniser maintenant&#xa0;» synchronise tout de même une fois.</translation>
    </message>
    <message>
        <source>Synchronizing once, as asked (synchronization stays paused)…</source>
        <translation>Synchronisation ponctuelle, comme demandé (la synchronisation reste en pause)…</translation>
    </message>
    <message>
        <source>Paused by your administrator</source>
        <translation>Mise en pause par votre administrateur</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Paused since %1 by your administrator</source>
        <translation>En pause depuis %1 par votre administrateur</translation>
    </message>
    <message>
        <source>Paused since %1</source>
        <translation>En pause depuis %1</translation>
    </message>
    <message>
        <source>Synchronization paused by your administrator</source>
        <translation>Synchronisation mise en pause par votre administrateur</translation>
    </message>
    <message>
        <source>Synchronization paused</source>
        <translation>Synchronisation en pause</translation>
    </message>
    <message>
        <source>Synchronization paused since %1 by your administrator</source>
        <translation>Synchronisation en pause depuis %1 par votre administrateur</translation>
    </message>
    <message>
        <source>Synchronization paused since %1</source>
        <translation>Synchronisation en pause depuis %1</translation>
    </message>
    <message>
        <source>Not connected to Salesforce: connect on the Settings page</source>
        <translation>Non connecté à Salesforce&#xa0;: connectez-vous dans la page Paramètres</translation>
    </message>
    <message>
        <source>Cancelling the synchronization…</source>
        <translation>Annulation de la synchronisation…</translation>
    </message>
    <message>
        <source>Synchronizing with Salesforce…</source>
        <translation>Synchronisation avec Salesforce…</translation>
    </message>
    <message>
        <source>Synchronizing %1: %2 of %3…</source>
        <translation>Synchronisation (%1)&#xa0;: %2 sur %3…</translation>
    </message>
    <message>
        <source>Synchronizing %1: %2…</source>
        <translation>Synchronisation (%1)&#xa0;: %2…</translation>
    </message>
    <message>
        <source>The last synchronization could not run</source>
        <translation>La dernière synchronisation n’a pas pu avoir lieu</translation>
    </message>
    <message>
        <source>next %1</source>
        <translation>prochaine %1</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>TaskField</name>
    <message>
        <source>Type to search tasks (empty: no task)</source>
        <translation>Tapez pour chercher une tâche (vide&#xa0;: aucune tâche)</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Record this time without a task</source>
        <translation>Enregistrer ce temps sans tâche</translation>
    </message>
</context>
<context>
    <name>TaskMenu</name>
    <message>
        <source>Start timer</source>
        <translation>Démarrer le minuteur</translation>
    </message>
    <message>
        <source>Include in synchronization again</source>
        <translation>Réintégrer à la synchronisation</translation>
    </message>
    <message>
        <source>“%1” is included again: it returns with the next synchronization.</source>
        <translation>«&#xa0;%1&#xa0;» est réintégré&#xa0;: il revient à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Exclude from synchronization</source>
        <translation>Exclure de la synchronisation</translation>
    </message>
    <message>
        <source>Remove it and its subtasks from the task list (Settings lists excluded items)</source>
        <translation>Le retirer de la liste des tâches avec ses sous-tâches (les Paramètres listent les éléments exclus)</translation>
    </message>
    <message>
        <source>“%1” is excluded: it leaves the task list with the next synchronization (Settings can include it again).</source>
        <translation>«&#xa0;%1&#xa0;» est exclu&#xa0;: il quitte la liste des tâches à la prochaine synchronisation (les Paramètres permettent de le réintégrer).</translation>
    </message>
</context>
<context>
    <name>TaskPicker</name>
    <message>
        <source>Search tasks: name, account, case number, stage…</source>
        <translation>Chercher une tâche&#xa0;: nom, compte, numéro de requête, étape…</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Chercher une tâche</translation>
    </message>
    <message>
        <source>Browse all tasks (Alt+Down)</source>
        <translation>Parcourir toutes les tâches (Alt+Bas)</translation>
    </message>
    <message>
        <source>Browse all tasks</source>
        <translation>Parcourir toutes les tâches</translation>
    </message>
    <message>
        <source>%1; Enter starts the timer</source>
        <translation>%1&#x202f;; Entrée démarre le minuteur</translation>
    </message>
    <message>
        <source>Loading tasks…</source>
        <translation>Chargement des tâches…</translation>
    </message>
    <message>
        <source>Preparing the search; recent tasks meanwhile…</source>
        <translation>Préparation de la recherche&#x202f;; tâches récentes en attendant…</translation>
    </message>
    <message>
        <source>Enter starts the timer on the selected task</source>
        <translation>Entrée démarre le minuteur sur la tâche sélectionnée</translation>
    </message>
    <message>
        <source>No task matches “%1”</source>
        <translation>Aucune tâche ne correspond à «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>No tasks yet</source>
        <translation>Aucune tâche pour l’instant</translation>
    </message>
    <message>
        <source>Recent tasks first; type to search</source>
        <translation>Tâches récentes d’abord&#x202f;; tapez pour chercher</translation>
    </message>
    <message>
        <source>%1+ matching tasks; Enter starts the timer</source>
        <translation>%1+ tâches correspondantes&#x202f;; Entrée démarre le minuteur</translation>
    </message>
    <message>
        <source>1 matching task; Enter starts the timer</source>
        <translation>1 tâche correspondante&#x202f;; Entrée démarre le minuteur</translation>
    </message>
    <message>
        <source>%1 matching tasks; Enter starts the timer</source>
        <translation>%1 tâches correspondantes&#x202f;; Entrée démarre le minuteur</translation>
    </message>
</context>
<context>
    <name>TaskPickerPanel</name>
    <message>
        <source>Show archived tasks</source>
        <translation>Afficher les tâches archivées</translation>
    </message>
</context>
<context>
    <name>TaskTreeModel</name>
    <message>
        <source>closed</source>
        <translation>fermée</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>not visible</source>
        <translation>plus visible</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>exclue</translation>
    </message>
    <message>
        <source>Archived (%1)</source>
        <translation>Archivée (%1)</translation>
    </message>
    <message>
        <source>Archived · </source>
        <translation>Archivée · </translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
</context>
<context>
    <name>TaskWidget</name>
    <message>
        <source>No task</source>
        <translation>Aucune tâche</translation>
    </message>
    <message>
        <source>The computer&apos;s clock was set back while the timer ran; Stint keeps counting the time worked on a clock that never goes back.</source>
        <translation>L’horloge de l’ordinateur a été reculée pendant que le minuteur tournait&#x202f;; Stint compte le temps travaillé sur une horloge qui ne recule jamais.</translation>
    </message>
    <message>
        <source>Running time</source>
        <translation>Temps écoulé</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Stop the timer</source>
        <translation>Arrêter le minuteur</translation>
    </message>
    <message>
        <source>Start the timer on this task</source>
        <translation>Démarrer le minuteur sur cette tâche</translation>
    </message>
    <message>
        <source>Time runs without a task; pick one below to assign it.</source>
        <translation>Le temps court sans tâche&#x202f;; choisissez-en une ci-dessous pour l’y affecter.</translation>
    </message>
    <message>
        <source>Pick a task below, or press Start to track time without one.</source>
        <translation>Choisissez une tâche ci-dessous, ou appuyez sur Démarrer pour suivre le temps sans tâche.</translation>
    </message>
    <message>
        <source>Loading task…</source>
        <translation>Chargement de la tâche…</translation>
    </message>
    <message>
        <source>Task no longer available</source>
        <translation>Tâche plus disponible</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archivée)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Note for the running entry</source>
        <translation>Note de l’entrée en cours</translation>
    </message>
    <message>
        <source>Note of the running entry</source>
        <translation>Note de l’entrée en cours</translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>Facturable</translation>
    </message>
    <message>
        <source>Whether the running entry&apos;s time is billable</source>
        <translation>Si le temps de l’entrée en cours est facturable</translation>
    </message>
    <message>
        <source>Open in Salesforce</source>
        <translation>Ouvrir dans Salesforce</translation>
    </message>
</context>
<context>
    <name>TasksService</name>
    <message>
        <source>The task list could not be read: %1</source>
        <translation>La liste des tâches n’a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <source>The archived tasks could not be read: %1</source>
        <translation>Les tâches archivées n’ont pas pu être lues&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TimesheetDayModel</name>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>Facturable</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisée</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Deleted there</source>
        <translation>Supprimée là-bas</translation>
    </message>
    <message>
        <source>Goes to Salesforce with the next synchronization.</source>
        <translation>Part vers Salesforce à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Logged in Salesforce.</source>
        <translation>Enregistrée dans Salesforce.</translation>
    </message>
    <message>
        <source>This entry was deleted in Salesforce; it stays here.</source>
        <translation>Cette entrée a été supprimée dans Salesforce&#x202f;; elle reste ici.</translation>
    </message>
    <message>
        <source>longer than Salesforce keeps</source>
        <translation>plus longue que ce que garde Salesforce</translation>
    </message>
    <message>
        <source>Not billable</source>
        <translation>Non facturable</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>Billable time; click to change</source>
        <translation>Temps facturable&#x202f;; cliquez pour changer</translation>
    </message>
    <message>
        <source>Not billable; click to mark the time billable</source>
        <translation>Non facturable&#x202f;; cliquez pour rendre ce temps facturable</translation>
    </message>
    <message>
        <source>Salesforce refused this entry: %1</source>
        <translation>Salesforce a refusé cette entrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>no details given</source>
        <translation>aucun détail fourni</translation>
    </message>
    <message>
        <source>The timer is running on this entry.</source>
        <translation>Le minuteur tourne sur cette entrée.</translation>
    </message>
</context>
<context>
    <name>TimesheetExport</name>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Saved 1 entry to %1</source>
        <translation>1 entrée enregistrée dans %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n entries to %1</source>
        <translation>
            <numerusform>%n entrée enregistrée dans %1</numerusform>
            <numerusform>%n entrées enregistrées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the table; paste it into a spreadsheet or a mail.</source>
        <translation>Tableau copié&#x202f;; collez-le dans un tableur ou un courriel.</translation>
    </message>
</context>
<context>
    <name>TimesheetHeader</name>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Go to today (Alt+Home)</source>
        <translation>Aller à aujourd’hui (Alt+Début)</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Jour</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>Se&amp;maine</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Ajouter une entrée</translation>
    </message>
    <message>
        <source>Add a manual entry (Ctrl+N)</source>
        <translation>Ajouter une entrée à la main (Ctrl+N)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Save the shown entries as CSV, or copy them as a table</source>
        <translation>Enregistrer les entrées affichées en CSV, ou les copier comme tableau</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Copy as table</source>
        <translation>Copier comme tableau</translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation>Jour précédent (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>Semaine précédente (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation>Jour suivant (Alt+Droite)</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Semaine suivante (Alt+Droite)</translation>
    </message>
</context>
<context>
    <name>TimesheetMenus</name>
    <message>
        <source>Billable</source>
        <translation>Facturable</translation>
    </message>
</context>
<context>
    <name>TimesheetText</name>
    <message>
        <source>No task</source>
        <translation>Aucune tâche</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermée</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <source>not visible</source>
        <translation>plus visible</translation>
    </message>
    <message>
        <source>Unknown task (%1)</source>
        <translation>Tâche inconnue (%1)</translation>
    </message>
    <message>
        <source>Archived in Stint (%1); its time entries stay valid.</source>
        <translation>Archivée dans Stint (%1)&#x202f;; ses entrées de temps restent valables.</translation>
    </message>
    <message>
        <source>Archived in Stint; its time entries stay valid.</source>
        <translation>Archivée dans Stint&#x202f;; ses entrées de temps restent valables.</translation>
    </message>
    <message>
        <source>dddd, d MMMM yyyy</source>
        <translation>dddd d MMMM yyyy</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy, HH:mm:ss</source>
        <translation>dddd d MMMM yyyy &apos;à&apos; HH:mm:ss</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <translation>d MMMM</translation>
    </message>
    <message>
        <source>%1: double-click a cell to open the day</source>
        <translation>%1&#xa0;: double-cliquez sur une cellule pour ouvrir le jour</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd d MMMM yyyy</translation>
    </message>
</context>
<context>
    <name>TimesheetView</name>
    <message>
        <source>No time recorded on this day.
Start the timer on a task, or add an entry (Ctrl+N).</source>
        <translation>Aucun temps enregistré ce jour-là.
Démarrez le minuteur sur une tâche, ou ajoutez une entrée (Ctrl+N).</translation>
    </message>
    <message>
        <source>&amp;Add entry…</source>
        <translation>&amp;Ajouter une entrée…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Start the timer again on this entry&apos;s task</source>
        <translation>Redémarrer le minuteur sur la tâche de cette entrée</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>Ann&amp;uler</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>%1 (today)</source>
        <translation>%1 (aujourd’hui)</translation>
    </message>
    <message>
        <source>Total %1 · billable %2</source>
        <translation>Total %1 · facturable %2</translation>
    </message>
    <message>
        <source>Week total %1 · billable %2</source>
        <translation>Total de la semaine %1 · facturable %2</translation>
    </message>
    <message>
        <source>Cannot undo: %1</source>
        <translation>Annulation impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Entry deleted — Undo (Ctrl+Z) brings it back.</source>
        <translation>Entrée supprimée — Annuler (Ctrl+Z) la rétablit.</translation>
    </message>
</context>
<context>
    <name>TimesheetWeekModel</name>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Synchronization paused</source>
        <translation>Synchronisation en pause</translation>
    </message>
    <message>
        <source>No timer running</source>
        <translation>Aucun minuteur en cours</translation>
    </message>
    <message>
        <source>Start timer</source>
        <translation>Démarrer le minuteur</translation>
    </message>
    <message>
        <source>Recent tasks</source>
        <translation>Tâches récentes</translation>
    </message>
    <message>
        <source>Pick a task…</source>
        <translation>Choisir une tâche…</translation>
    </message>
    <message>
        <source>Pause synchronization</source>
        <translation>Suspendre la synchronisation</translation>
    </message>
    <message>
        <source>Force synchronization</source>
        <translation>Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Cancel synchronization</source>
        <translation>Annuler la synchronisation</translation>
    </message>
    <message>
        <source>Open Stint</source>
        <translation>Ouvrir Stint</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Stint is still running</source>
        <translation>Stint fonctionne toujours</translation>
    </message>
    <message>
        <source>The timer keeps running in the system tray. Click the tray icon to open Stint; choose Quit in its menu to leave.</source>
        <translation>Le minuteur continue dans la zone de notification. Cliquez sur l’icône pour ouvrir Stint&#x202f;; choisissez Quitter dans son menu pour en sortir.</translation>
    </message>
    <message>
        <source>Stint keeps running in the system tray, so your timer never stops by accident.

Click the tray icon to open the window again; choose Quit in its menu to leave.</source>
        <translation>Stint continue de fonctionner dans la zone de notification, pour que votre minuteur ne s’arrête jamais par accident.

Cliquez sur l’icône pour rouvrir la fenêtre&#x202f;; choisissez Quitter dans son menu pour en sortir.</translation>
    </message>
    <message>
        <source>Stint cannot change synchronization</source>
        <translation>Stint ne peut pas modifier la synchronisation</translation>
    </message>
    <message>
        <source>Resume synchronization</source>
        <translation>Reprendre la synchronisation</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
    <message>
        <source>Stint cannot synchronize</source>
        <translation>Stint ne peut pas synchroniser</translation>
    </message>
    <message>
        <source>Cancelling synchronization…</source>
        <translation>Annulation de la synchronisation…</translation>
    </message>
    <message>
        <source>No task</source>
        <translation>Aucune tâche</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Stop timer</source>
        <translation>Arrêter le minuteur</translation>
    </message>
    <message>
        <source>Start timer on %1</source>
        <translation>Démarrer le minuteur sur %1</translation>
    </message>
    <message>
        <source>%1: %2 (since %3)</source>
        <translation>%1&#xa0;: %2 (depuis %3)</translation>
    </message>
    <message>
        <source>Synchronizing once…</source>
        <translation>Synchronisation ponctuelle…</translation>
    </message>
    <message>
        <source>Synchronizing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Sync problem: %1</source>
        <translation>Problème de synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not connected to Salesforce</source>
        <translation>Non connecté à Salesforce</translation>
    </message>
</context>
<context>
    <name>UndoBanner</name>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Annuler (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>WorkingHoursEdit</name>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Working hours start</source>
        <translation>Début des heures de travail</translation>
    </message>
    <message>
        <source>Working hours end</source>
        <translation>Fin des heures de travail</translation>
    </message>
</context>
<context>
    <name>WriteBackForm</name>
    <message>
        <source>start</source>
        <translation>début</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <source>billable</source>
        <translation>facturable</translation>
    </message>
    <message>
        <source>Stint id</source>
        <translation>id Stint</translation>
    </message>
    <message>
        <source>Fields: %1</source>
        <translation>Champs&#xa0;: %1</translation>
    </message>
    <message>
        <source>O&amp;ff: tracked time stays in Stint</source>
        <translation>&amp;Désactivé&#xa0;: le temps suivi reste dans Stint</translation>
    </message>
    <message>
        <source>As &amp;Events on the Opportunity or Case (works in every org)</source>
        <translation>En tant qu’&amp;événements sur l’opportunité ou la requête (fonctionne dans toute organisation)</translation>
    </message>
    <message>
        <source>To a custom time-entry ob&amp;ject:</source>
        <translation>Vers un ob&amp;jet personnalisé d’entrées de temps&#xa0;:</translation>
    </message>
    <message>
        <source>Custom object</source>
        <translation>Objet personnalisé</translation>
    </message>
    <message>
        <source>Find objects</source>
        <translation>Chercher les objets</translation>
    </message>
    <message>
        <source>Look for custom objects in your org that can hold time</source>
        <translation>Chercher dans votre organisation les objets personnalisés qui peuvent recevoir du temps</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Shortest entry written back</source>
        <translation>Entrée la plus courte renvoyée</translation>
    </message>
    <message>
        <source>Entries shorter than</source>
        <translation>Les entrées de moins de</translation>
    </message>
    <message>
        <source>stay in Stint;</source>
        <translation>restent dans Stint&#x202f;;</translation>
    </message>
    <message>
        <source>write them bac&amp;k too</source>
        <translation>les renvo&amp;yer aussi</translation>
    </message>
    <message>
        <source>Connect first: the objects come from your org.</source>
        <translation>Connectez-vous d’abord&#xa0;: les objets viennent de votre organisation.</translation>
    </message>
    <message>
        <source>Looking for time-entry objects in your org…</source>
        <translation>Recherche des objets d’entrées de temps dans votre organisation…</translation>
    </message>
    <message>
        <source>No custom object of your org can hold time entries; Events always work.</source>
        <translation>Aucun objet personnalisé de votre organisation ne peut recevoir d’entrées de temps&#x202f;; les événements fonctionnent toujours.</translation>
    </message>
    <message>
        <source>1 object found.</source>
        <translation>1 objet trouvé.</translation>
    </message>
    <message>
        <source>%1 objects found.</source>
        <translation>%1 objets trouvés.</translation>
    </message>
</context>
</TS>
