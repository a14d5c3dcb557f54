<#
.SYNOPSIS
    Collects the certificate inventory of an Exchange organization for certconsole.

.DESCRIPTION
    Run it in the Exchange Management Shell (Windows PowerShell 5.1) of Exchange Server 2016, 2019 or Exchange
    Server SE. Per server it reads Get-ExchangeServer, Get-ExchangeCertificate -Server (every Format-List field,
    the raw certificate and its chain), Get-TransportService (the default SMTP certificate),
    Get-ReceiveConnector -Server, Get-ImapSettings/Get-PopSettings -Server and, through PowerShell remoting, the
    thumbprints of the machine's Root, AuthRoot and CA stores. For the organization it reads Get-SendConnector,
    Get-AuthConfig and Get-EdgeSubscription. On an Edge Transport server (not domain-joined) run it in that
    server's own shell: it then collects that server only (scope EdgeTransport).

    It writes one JSON file (-OutFile), or posts it to the console (-ConsoleUrl with -ApiToken). Dates are written
    as ISO 8601 and enumerations as their names, explicitly: Windows PowerShell 5.1's ConvertTo-Json would write
    /Date(...)/ and integers. Private keys never leave the servers.

    The field list ($Fields) is the console's schema (lib/validations/inventory-fields.ts): a console test keeps
    the two identical. The format is published at <console>/api/v1/inventory/schema.json.

    Written against the documented output of the cmdlets; not yet run against a live organization.

.PARAMETER OutFile
    Where to write the JSON file. Default: .\certconsole-inventory.json

.PARAMETER ConsoleUrl
    The console's address (https://certconsole.contoso.com). With -ApiToken, the file is posted to
    /api/v1/inventory instead of (or as well as, with -OutFile) being written.

.PARAMETER ApiToken
    An API token with the scope inventory:write (created on the console's API page, starts with cc_), or the
    bearer of an administrator's session: POST /api/v1/session {"username","password"} answers one.

.PARAMETER Server
    Only these servers (default: every Exchange 2016 or later server of the organization).

.EXAMPLE
    .\Collect-CertConsoleInventory.ps1 -OutFile C:\certs\inventory.json

.EXAMPLE
    .\Collect-CertConsoleInventory.ps1 -ConsoleUrl https://certconsole.contoso.com -ApiToken $token
#>
[CmdletBinding()]
param(
    [string]$OutFile,
    [string]$ConsoleUrl,
    [string]$ApiToken,
    [string[]]$Server
)

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'
$CollectorVersion = '1.0'

# BEGIN FIELDS (generated from lib/validations/inventory-fields.ts: collectorFieldBlock)
$Fields = [ordered]@{
    Server = [ordered]@{
        Name = 'string'
        Fqdn = 'string'
        ServerRole = 'string'
        Edition = 'string'
        AdminDisplayVersion = 'string'
        IsEdgeServer = 'bool'
        InternalTransportCertificateThumbprint = 'thumbprint'
    }
    Certificate = [ordered]@{
        Thumbprint = 'thumbprint'
        FriendlyName = 'string'
        Subject = 'string'
        Issuer = 'string'
        SerialNumber = 'string'
        NotBefore = 'date'
        NotAfter = 'date'
        CertificateDomains = 'list'
        Services = 'string'
        Status = 'string'
        RootCAType = 'string'
        HasPrivateKey = 'bool'
        PrivateKeyExportable = 'bool'
        IsSelfSigned = 'bool'
        PublicKeySize = 'int'
        SignatureAlgorithm = 'string'
        EnhancedKeyUsageList = 'eku'
        AccessRules = 'acl'
        RawData = 'base64'
        Chain = 'chain'
    }
    ReceiveConnector = [ordered]@{
        Identity = 'string'
        Name = 'string'
        Fqdn = 'string'
        TlsCertificateName = 'string'
        RequireTLS = 'bool'
        DomainSecureEnabled = 'bool'
        CloudServicesMailEnabled = 'bool'
        TransportRole = 'string'
        Bindings = 'list'
        RemoteIPRanges = 'list'
    }
    SendConnector = [ordered]@{
        Identity = 'string'
        Name = 'string'
        Fqdn = 'string'
        TlsCertificateName = 'string'
        RequireTLS = 'bool'
        DomainSecureEnabled = 'bool'
        CloudServicesMailEnabled = 'bool'
        TlsAuthLevel = 'string'
        AddressSpaces = 'list'
        SmartHosts = 'list'
        SourceTransportServers = 'list'
    }
    ProtocolSettings = [ordered]@{
        X509CertificateName = 'string'
    }
    AuthConfig = [ordered]@{
        CurrentCertificateThumbprint = 'thumbprint'
        PreviousCertificateThumbprint = 'thumbprint'
        NextCertificateThumbprint = 'thumbprint'
        NextCertificateEffectiveDate = 'date'
        ServiceName = 'string'
        Realm = 'string'
    }
    EdgeSubscription = [ordered]@{
        Name = 'string'
        Site = 'string'
        Domain = 'string'
        InternalTransportCertificateThumbprint = 'thumbprint'
    }
}
# END FIELDS

function ConvertTo-InventoryValue {
    param($Value, [string]$Kind)
    switch ($Kind) {
        'string'     { if ($null -eq $Value) { return $null }; return [string]$Value.ToString() }
        'int'        { if ($null -eq $Value) { return 0 }; return [int64]("$Value" -replace '\D.*$', '') }
        'bool'       { return [bool]$Value }
        'date'       { if ($null -eq $Value) { return $null }; return ([datetime]$Value).ToUniversalTime().ToString('o') }
        'list'       { return , @(@($Value) | Where-Object { $null -ne $_ } | ForEach-Object { $_.ToString() }) }
        'eku'        { return , @(@($Value) | Where-Object { $null -ne $_ } | ForEach-Object { $_.ToString() }) }
        'acl'        { return , @(@($Value) | Where-Object { $null -ne $_ } | ForEach-Object { '{0} {1} {2}' -f $_.IdentityReference, $_.AccessControlType, $_.CryptoKeyRights }) }
        'base64'     { if ($null -eq $Value) { return '' }; return [Convert]::ToBase64String([byte[]]$Value) }
        'thumbprint' { if (-not $Value) { return '' }; return $Value.ToString().ToUpperInvariant() }
        default      { throw "Unknown field kind $Kind" }
    }
}

# The CA certificates above a certificate, as the collecting machine's chain engine finds them (no revocation check).
function Get-ChainRawData {
    param($Certificate)
    try {
        $x509 = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList (, [byte[]]$Certificate.RawData)
        $chain = New-Object System.Security.Cryptography.X509Certificates.X509Chain
        $chain.ChainPolicy.RevocationMode = 'NoCheck'
        [void]$chain.Build($x509)
        return , @($chain.ChainElements | Select-Object -Skip 1 | ForEach-Object { [Convert]::ToBase64String($_.Certificate.RawData) })
    } catch {
        return , @()
    }
}

# One object as the field list says: every listed property, converted by its kind, in order.
function Select-InventoryFields {
    param($Object, [System.Collections.IDictionary]$FieldList, [hashtable]$Extra = @{})
    $out = [ordered]@{}
    foreach ($name in $FieldList.Keys) {
        $kind = $FieldList[$name]
        if ($kind -eq 'chain') { $out[$name] = Get-ChainRawData $Object; continue }
        $value = if ($Extra.ContainsKey($name)) { $Extra[$name] } else { Get-PropertyValue $Object $name }
        $out[$name] = ConvertTo-InventoryValue $value $kind
    }
    return $out
}

# A property's value, or $null when the object does not have it (strict mode throws on a missing property).
function Get-PropertyValue {
    param($Object, [string]$Name)
    if ($null -ne $Object -and $Object.PSObject.Properties[$Name]) { return $Object.$Name }
    return $null
}

function Invoke-Optional {
    param([scriptblock]$Script, [string]$What)
    try { return & $Script } catch { Write-Warning "$What`: $($_.Exception.Message)"; return $null }
}

# Thumbprints of the machine's Root (Trusted Root), AuthRoot (Third-Party Root) and CA (Intermediate) stores.
$ReadStores = {
    @{ Root = @(Get-ChildItem Cert:\LocalMachine\Root | ForEach-Object Thumbprint)
       AuthRoot = @(Get-ChildItem Cert:\LocalMachine\AuthRoot | ForEach-Object Thumbprint)
       CA = @(Get-ChildItem Cert:\LocalMachine\CA | ForEach-Object Thumbprint) }
}

function Get-MachineStores {
    param([string]$ComputerName, [switch]$Local)
    Invoke-Optional -What "trust stores of $ComputerName (PowerShell remoting)" -Script {
        $stores = if ($Local) { & $ReadStores } else { Invoke-Command -ComputerName $ComputerName -ScriptBlock $ReadStores }
        [ordered]@{ Root = @($stores.Root); AuthRoot = @($stores.AuthRoot); CA = @($stores.CA) }
    }
}

function Get-ServerInventory {
    param($ExchangeServer)
    $name = $ExchangeServer.Name.ToString()
    Write-Verbose "Collecting $name"
    $transport = Invoke-Optional -What "Get-TransportService $name" -Script { Get-TransportService -Identity $name }
    $defaultSmtp = Get-PropertyValue $transport 'InternalTransportCertificateThumbprint'
    $entry = Select-InventoryFields $ExchangeServer $Fields.Server @{ InternalTransportCertificateThumbprint = $defaultSmtp }
    $entry['certificates'] = @(Get-ExchangeCertificate -Server $name | Where-Object { $_.Status.ToString() -ne 'PendingRequest' } | ForEach-Object { Select-InventoryFields $_ $Fields.Certificate })
    $entry['receiveConnectors'] = @(Get-ReceiveConnector -Server $name | ForEach-Object { Select-InventoryFields $_ $Fields.ReceiveConnector })
    $entry['imap'] = $null
    $entry['pop'] = $null
    if (-not $ExchangeServer.IsEdgeServer) {
        $imap = Invoke-Optional -What "Get-ImapSettings -Server $name" -Script { Get-ImapSettings -Server $name }
        $pop = Invoke-Optional -What "Get-PopSettings -Server $name" -Script { Get-PopSettings -Server $name }
        if ($imap) { $entry['imap'] = Select-InventoryFields $imap $Fields.ProtocolSettings }
        if ($pop) { $entry['pop'] = Select-InventoryFields $pop $Fields.ProtocolSettings }
    }
    $entry['trustStores'] = Get-MachineStores -ComputerName $ExchangeServer.Fqdn.ToString() -Local:($name -eq $env:COMPUTERNAME)
    return $entry
}

# Edge Transport servers are not reachable from the organization: there, the script collects only itself.
$local = Invoke-Optional -What 'Get-ExchangeServer (local)' -Script { Get-ExchangeServer -Identity $env:COMPUTERNAME }
$scope = if ($local -and $local.IsEdgeServer) { 'EdgeTransport' } else { 'Organization' }

if ($scope -eq 'EdgeTransport') {
    $servers = @($local)
} else {
    # Exchange 2016 (15.1), 2019 and SE (15.2); Edge servers collect themselves.
    $servers = @(Get-ExchangeServer | Where-Object { -not $_.IsEdgeServer -and "$($_.AdminDisplayVersion)" -match 'Version 15\.[12]' })
    if ($Server) { $servers = @($servers | Where-Object { $Server -contains $_.Name.ToString() }) }
}

$inventory = [ordered]@{
    schemaVersion     = 1
    collectedAt       = (Get-Date).ToUniversalTime().ToString('o')
    scope             = $scope
    collector         = [ordered]@{ host = $env:COMPUTERNAME; version = $CollectorVersion }
    servers           = @($servers | ForEach-Object { Get-ServerInventory $_ })
    sendConnectors    = @()
    authConfig        = $null
    edgeSubscriptions = @()
}
if ($scope -eq 'Organization') {
    $inventory.sendConnectors = @(Get-SendConnector | ForEach-Object { Select-InventoryFields $_ $Fields.SendConnector })
    $inventory.authConfig = Select-InventoryFields (Get-AuthConfig) $Fields.AuthConfig
    $inventory.edgeSubscriptions = @(Get-EdgeSubscription | ForEach-Object {
        $subscription = $_
        $edgeTransport = Invoke-Optional -What "Get-TransportService $($subscription.Name)" -Script { Get-TransportService -Identity $subscription.Name.ToString() }
        Select-InventoryFields $subscription $Fields.EdgeSubscription @{ InternalTransportCertificateThumbprint = (Get-PropertyValue $edgeTransport 'InternalTransportCertificateThumbprint') }
    })
}

# Depth: servers > certificates > lists. ConvertTo-Json's default depth (2) would flatten them.
$json = $inventory | ConvertTo-Json -Depth 8 -Compress

if (-not $ConsoleUrl -and -not $OutFile) { $OutFile = '.\certconsole-inventory.json' }
if ($OutFile) {
    $path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
    [System.IO.File]::WriteAllText($path, $json, (New-Object System.Text.UTF8Encoding $false))
    Write-Host "Inventory of $($inventory.servers.Count) server(s) written to $path"
}
if ($ConsoleUrl) {
    if (-not $ApiToken) { throw 'Posting to the console needs -ApiToken (POST /api/v1/session answers one).' }
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $answer = Invoke-RestMethod -Uri ($ConsoleUrl.TrimEnd('/') + '/api/v1/inventory') -Method Post -ContentType 'application/json; charset=utf-8' `
        -Headers @{ Authorization = "Bearer $ApiToken" } -Body ([System.Text.Encoding]::UTF8.GetBytes($json))
    Write-Host "Imported: $(@($answer.servers).Count) server(s), $($answer.certificates.total) certificate(s)"
}
