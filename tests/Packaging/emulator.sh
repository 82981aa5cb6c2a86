#!/usr/bin/env bash
# Packaging checks of the emulator (issue 13), called by run.sh with its feed and version:
#   1. the library package Dms.Codegen.Emulator (net8.0 and net10.0, depending on Dms.Codegen.Runtime) and the
#      tool package Dms.Codegen.Emulator.Tool (PackAsTool, command dms-emulator, rolling forward to newer runtimes);
#   2. a fresh xunit-style consumer that references only the packages, generates its own public DmsClient beside
#      the emulator's internal one, and plays a ticket through the emulator in-process;
#   3. the tool installed from the feed and run from the command line (--port=0, -h, a bad option).
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
  unzip -p "$tool" tools/net8.0/any/DotnetToolSettings.xml | grep -q 'Name="dms-emulator"' &&
  unzip -p "$tool" tools/net8.0/any/dms-emulator.runtimeconfig.json | grep -q '"rollForward": "Major"' &&
  unzip -p "$tool" Dms.Codegen.Emulator.Tool.nuspec | grep -q '<packageType name="DotnetTool"'
}
check emulator-packages emulator_packages

consumer="$work/consumer"
emulator_consumer() {
  mkdir -p "$consumer/dms" && cp "$root/specs/GetOrderBaseInfo.yaml" "$consumer/dms/" || return 1
  cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dms-local" value="$feed" />
  </packageSources>
</configuration>
XML
  cat > "$consumer/EmulatorConsumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
    <RollForward>Major</RollForward>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <DmsCodegenNamespace>EmulatorConsumer.Dms</DmsCodegenNamespace>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Dms.Codegen" Version="$version" PrivateAssets="all" />
    <PackageReference Include="Dms.Codegen.Runtime" Version="$version" />
    <PackageReference Include="Dms.Codegen.Emulator" Version="$version" />
  </ItemGroup>
  <ItemGroup>
    <DmsSpec Include="dms/*.yaml" />
    <DmsOperation Include="CreateOrder" />
  </ItemGroup>
</Project>
XML
  cat > "$consumer/Program.cs" <<'CS'
using Dms.Codegen;
using Dms.Codegen.Emulator;
using EmulatorConsumer.Dms;

// As a user's test fixture does it: an emulator in-process, the project's own generated client against it.
await using var emulator = await DmsEmulator.StartAsync();
using var client = new DmsClient(new DmsClientOptions
{
    Endpoint = emulator.Endpoint,
    Credentials = DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
});
var created = await client.CreateOrderAsync(new CreateOrderRequest { Comment = "from a package", PluginType = "DC_COMMON", PluginParam = new Dictionary<string, System.Text.Json.JsonElement>() });
var id = created.CreateOrderResult!.OrderIds![0];
var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = id });
Console.WriteLine($"ticket {info.OrderBaseInfo!.OrderId} {info.OrderBaseInfo.StatusCode} '{info.OrderBaseInfo.Comment}', {DmsEmulator.Operations.Count} operations emulated");
CS
  dotnet build "$consumer" -c Release 2>&1 | tee "$work/consumer-build.txt" && grep -q ' 0 Warning(s)' "$work/consumer-build.txt" &&
  dotnet run --no-build -c Release --project "$consumer" | tee "$work/consumer-run.txt" &&
  grep -qE "^ticket 10001 new 'from a package', 325 operations emulated$" "$work/consumer-run.txt"
}
check emulator-package-fresh-consumer emulator_consumer

tools="$work/tools"
tool_runs() {
  dotnet tool install Dms.Codegen.Emulator.Tool --version "$version" --tool-path "$tools" --add-source "$feed" || return 1
  "$tools/dms-emulator" -h > "$work/help.txt" && grep -q -- '--port' "$work/help.txt" && grep -q -- '--access-key' "$work/help.txt" || return 1
  ! "$tools/dms-emulator" --port 99999 > "$work/bad.txt" 2>&1 && grep -q -- '--port' "$work/bad.txt" || return 1
  "$tools/dms-emulator" --port=0 -k other:pair > "$work/tool.txt" 2>&1 &
  tool_pid=$!
  local endpoint=""
  for _ in $(seq 1 100); do
    endpoint="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$work/tool.txt" | head -n 1)"
    [ -n "$endpoint" ] && break
    sleep 0.2
  done
  [ -n "$endpoint" ] && grep -q 'access key id other' "$work/tool.txt" &&
  [ "$(curl -s "${endpoint}_emulator/health")" = "ok" ]
}
check emulator-tool-from-command-line tool_runs

exit $status
