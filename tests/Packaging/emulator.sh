#!/usr/bin/env bash
# Packaging checks of the emulator (issue 13), called by run.sh with its feed and version:
#   1. the library package Dms.Codegen.Emulator (net8.0 and net10.0, depending on Dms.Codegen.Runtime) and the
#      tool package Dms.Codegen.Emulator.Tool (PackAsTool, command dms-emulator, rolling forward to newer runtimes);
#   2. a fresh xunit test project that references only the packages runs the emulator README's fixture and test
#      verbatim, and shows that the emulator's generated API is internal: its own public DmsClient, IDmsClient and
#      AddDmsClient compile unambiguously beside the emulator, whose public types include none of them;
#   3. the tool installed from the feed: -h/--help, errors for bad options, --port N and --port=N, a signed call
#      from a generated client accepted with the key pair given by -k and refused with any other.
# Run alone (no arguments), it packs the solution into a feed of its own first.
# Prints one "PASS name" or "FAIL name" line per check, like run.sh, and exits non-zero if any failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
feed="${1:-$work/feed}"
version="${2:-0.1.0-local.$(date +%s)}"
tool_pid=""
cleanup() { [ -n "$tool_pid" ] && kill "$tool_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
status=0
check() { # name, then the command; its output goes to $work/<name>.log
  local name="$1"; shift
  if "$@" > "$work/$name.log" 2>&1; then echo "PASS $name"; else echo "FAIL $name"; tail -n 30 "$work/$name.log"; status=1; fi
}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# shellcheck source=feed.sh
. "$root/tests/Packaging/feed.sh"

if [ $# -eq 0 ]; then
  pack_alone() { dotnet pack "$root/Dms.Codegen.sln" -c Release -o "$feed" -p:Version="$version"; }
  check emulator-pack pack_alone
fi

emulator_packages() {
  local lib="$feed/Dms.Codegen.Emulator.$version.nupkg" tool="$feed/Dms.Codegen.Emulator.Tool.$version.nupkg"
  unzip -Z1 "$lib" > "$work/lib.txt" && unzip -Z1 "$tool" > "$work/tool.txt" || return 1
  grep -qx 'lib/net8.0/Dms.Codegen.Emulator.dll' "$work/lib.txt" &&
  grep -qx 'lib/net10.0/Dms.Codegen.Emulator.dll' "$work/lib.txt" &&
  grep -qx 'README.md' "$work/lib.txt" &&
  unzip -p "$lib" Dms.Codegen.Emulator.nuspec > "$work/lib.nuspec" &&
  grep -q 'id="Dms.Codegen.Runtime"' "$work/lib.nuspec" &&
  grep -q 'name="Microsoft.AspNetCore.App"' "$work/lib.nuspec" &&
  grep -qx 'tools/net8.0/any/dms-emulator.dll' "$work/tool.txt" &&
  grep -qx 'tools/net8.0/any/dms-emulator.pdb' "$work/tool.txt" &&
  unzip -p "$tool" tools/net8.0/any/DotnetToolSettings.xml | grep -q 'Name="dms-emulator"' &&
  unzip -p "$tool" tools/net8.0/any/dms-emulator.runtimeconfig.json | grep -q '"rollForward": "Major"' &&
  unzip -p "$tool" Dms.Codegen.Emulator.Tool.nuspec | grep -q '<packageType name="DotnetTool"'
}
check emulator-packages emulator_packages

# package_project <dir> <name> <extra PropertyGroup lines> <extra ItemGroup lines>: a project of our packages only.
package_project() {
  mkdir -p "$1/dms" && cp "$root/specs/GetOrderBaseInfo.yaml" "$1/dms/" || return 1
  nuget_config "$1" || return 1
  cat > "$1/$2.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <RollForward>Major</RollForward>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <DmsCodegenNamespace>$2.Dms</DmsCodegenNamespace>
$3
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Dms.Codegen" Version="$version" PrivateAssets="all" />
    <PackageReference Include="Dms.Codegen.Runtime" Version="$version" />
$4
  </ItemGroup>
  <ItemGroup>
    <DmsSpec Include="dms/*.yaml" />
    <DmsOperation Include="CreateOrder" />
  </ItemGroup>
</Project>
XML
}

consumer="$work/consumer"
emulator_consumer() {
  # MyTests.Dms: the namespace the README's snippet imports for the project's own generated client.
  package_project "$consumer" MyTests '    <IsPackable>false</IsPackable>' \
    "    <PackageReference Include=\"Dms.Codegen.Emulator\" Version=\"$version\" />
    <PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"18.0.1\" />
    <PackageReference Include=\"xunit\" Version=\"2.9.3\" />
    <PackageReference Include=\"xunit.runner.visualstudio\" Version=\"3.1.5\" PrivateAssets=\"all\" />" || return 1
  # The README's fixture and test, as a user copies them.
  awk '/An xunit fixture shared by a test/ { found = 1 } found && /^```csharp$/ { inside = 1; next } inside && /^```$/ { exit } inside' \
    "$root/emulator/README.md" > "$consumer/ReadmeFixture.cs"
  grep -q 'class EmulatorFixture : IAsyncLifetime' "$consumer/ReadmeFixture.cs" || { echo "no fixture in emulator/README.md"; return 1; }
  cat > "$consumer/ApiVisibilityTests.cs" <<'CS'
// Both namespaces imported: DmsClient, IDmsClient and AddDmsClient compile only because the emulator's are internal
// (public ones would be ambiguous, CS0104 and CS0121).
using Dms.Codegen;
using Dms.Codegen.Emulator;
using Dms.Codegen.Emulator.Api;
using Microsoft.Extensions.DependencyInjection;
using MyTests.Dms;
using Xunit;

public class ApiVisibilityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task TheProjectsOwnClientIsTheOneRegistered()
    {
        var services = new ServiceCollection();
        services.AddDmsClient(options =>
        {
            options.Endpoint = fixture.Emulator.Endpoint;
            options.Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret);
        });
        await using var provider = services.BuildServiceProvider();
        IDmsClient client = provider.GetRequiredService<IDmsClient>();
        Assert.Equal(typeof(MyTests.Dms.DmsClient), client.GetType());
        var created = await client.CreateOrderAsync(new CreateOrderRequest { Comment = "via DI", PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() });
        var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = created.CreateOrderResult!.OrderIds![0] });
        Assert.Equal("via DI", info.OrderBaseInfo!.Comment);
    }

    [Fact]
    public void TheEmulatorExportsNoGeneratedApi()
    {
        var exported = typeof(DmsEmulator).Assembly.GetExportedTypes();
        Assert.Contains(exported, t => t == typeof(DmsEmulator));
        Assert.DoesNotContain(exported, t => t.Namespace == "Dms.Codegen.Emulator.Api");
        Assert.DoesNotContain(exported, t => t.Name is "DmsClient" or "IDmsClient" || t.GetMethods().Any(m => m.Name == "AddDmsClient"));
        // The emulator does have its generated client, internally: the check above is not vacuous.
        Assert.NotNull(typeof(DmsEmulator).Assembly.GetType("Dms.Codegen.Emulator.Api.DmsClient"));
    }
}
CS
  dotnet test "$consumer" -c Release --logger "trx;LogFileName=results.trx" 2>&1 | tee "$work/consumer-test.txt" || return 1
  ! grep -qE 'warning [A-Z]+[0-9]+' "$work/consumer-test.txt" || return 1
  # All three tests ran and passed (the README's one and the two above).
  grep -qE '<Counters total="3" executed="3" passed="3" failed="0"' "$consumer"/TestResults/results.trx
}
check emulator-package-xunit-fixture-from-fresh-consumer emulator_consumer

# The tool, installed from the feed as a user installs it.
tools="$work/tools"
tool_installs() { dotnet tool install Dms.Codegen.Emulator.Tool --version "$version" --tool-path "$tools" --add-source "$feed"; }
check emulator-tool-installs tool_installs

tool_help() {
  "$tools/dms-emulator" --help > "$work/help.txt" && "$tools/dms-emulator" -h > "$work/h.txt" || return 1
  cmp "$work/help.txt" "$work/h.txt" && grep -q -- '--port' "$work/help.txt" && grep -q -- '--access-key' "$work/help.txt" &&
  grep -q -- '--max-nonces' "$work/help.txt"
}
check emulator-tool-help tool_help

tool_bad_options() {
  local bad
  for bad in '--port 99999' '--port=abc' '--access-key nocolon' '--no-such-option'; do
    # shellcheck disable=SC2086 # each case is several words on purpose
    if "$tools/dms-emulator" $bad > "$work/bad.txt" 2>&1; then echo "accepted: $bad"; return 1; fi
    grep -q -- "${bad%%[ =]*}" "$work/bad.txt" || { echo "no mention of the option: $bad"; cat "$work/bad.txt"; return 1; }
  done
}
check emulator-tool-rejects-bad-options tool_bad_options

# start_tool <args...>: starts the installed tool, sets $endpoint from its first line.
start_tool() {
  "$tools/dms-emulator" "$@" > "$work/tool-out.txt" 2>&1 &
  tool_pid=$!
  endpoint=""
  for _ in $(seq 1 150); do
    endpoint="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$work/tool-out.txt" | head -n 1)"
    [ -n "$endpoint" ] && return 0
    kill -0 "$tool_pid" 2>/dev/null || break
    sleep 0.2
  done
  cat "$work/tool-out.txt"; return 1
}
# with_tool <function> <tool args...>: runs the function against the started tool, then stops the tool with
# SIGTERM, as a service manager does: it shuts down and exits 0.
with_tool() {
  local function="$1" code stopped
  shift
  start_tool "$@" || return 1
  "$function"; code=$?
  kill -TERM "$tool_pid" && wait "$tool_pid"; stopped=$?
  tool_pid=""
  [ "$stopped" -eq 0 ] || echo "the tool exited $stopped on SIGTERM"
  [ "$code" -eq 0 ] && [ "$stopped" -eq 0 ]
}

client="$work/client"
signed_client_builds() {
  package_project "$client" SignedClient '    <OutputType>Exe</OutputType>' '' || return 1
  cat > "$client/Program.cs" <<'CS'
using Dms.Codegen;
using SignedClient.Dms;

// One signed call to the endpoint with the key pair given, as a user's app makes it: 0 when answered, 3 when refused.
using var client = new DmsClient(new DmsClientOptions
{
    Endpoint = new Uri(args[0]),
    Credentials = DmsCredentials.AccessKey(args[1], args[2]),
});
try
{
    var created = await client.CreateOrderAsync(new CreateOrderRequest { Comment = "from the tool", PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() });
    var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = created.CreateOrderResult!.OrderIds![0] });
    Console.WriteLine($"ticket {info.OrderBaseInfo!.OrderId} {info.OrderBaseInfo.StatusCode} '{info.OrderBaseInfo.Comment}'");
    return 0;
}
catch (DmsException e)
{
    Console.WriteLine($"refused: {e.Code}");
    return 3;
}
CS
  dotnet build "$client" -c Release 2>&1 | tee "$work/client-build.txt" && grep -q ' 0 Warning(s)' "$work/client-build.txt"
}
check emulator-tool-signed-client-builds signed_client_builds

signed() { dotnet "$client/bin/Release/net8.0/SignedClient.dll" "$endpoint" "$@"; }
signed_requests() {
  grep -q 'access key id other;' "$work/tool-out.txt" || return 1
  signed other pair | tee "$work/signed.txt" && grep -qE "^ticket 10001 new 'from the tool'$" "$work/signed.txt" || return 1
  # -k replaces the default pair, and a wrong secret is a wrong signature: both are refused.
  signed testid testsecret | tee "$work/default.txt"; [ "${PIPESTATUS[0]}" -eq 3 ] || return 1
  signed other wrong | tee "$work/wrong.txt"; [ "${PIPESTATUS[0]}" -eq 3 ] || return 1
  grep -qx 'refused: InvalidAccessKeyId.NotFound' "$work/default.txt" && grep -qx 'refused: SignatureDoesNotMatch' "$work/wrong.txt" &&
  port="${endpoint#http://127.0.0.1:}" && port="${port%/}"
}
check emulator-tool-serves-signed-requests with_tool signed_requests --port=0 -k other:pair

# The port just used was free: the tool takes it when asked for it in each syntax, and answers there.
on_port() {
  [ "$endpoint" = "http://127.0.0.1:$port/" ] || { echo "listening on $endpoint, not port $port"; return 1; }
  signed testid testsecret | tee "$work/port.txt" && grep -qE "^ticket 10001 new 'from the tool'$" "$work/port.txt"
}
tool_port_syntaxes() {
  [ -n "${port:-}" ] || return 1
  with_tool on_port --port "$port" && with_tool on_port "--port=$port" && with_tool on_port -p "$port"
}
check emulator-tool-port-syntaxes tool_port_syntaxes

exit $status
