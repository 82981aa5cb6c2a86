#!/usr/bin/env bash
# Packaging checks, run by .ci/run after the unit tests:
#   1. `dotnet pack` makes exactly the two packages, from one version;
#   2. a fresh `dotnet new console` consumer with both packages and a YAML spec builds with zero warnings
#      and runs against the emulator;
#   3. a broken YAML spec fails that build as `path/file.yaml(line,col): error DMSxxxx: message`;
#   4. the quick-start publishes with PublishAot=true with no trim/AOT warning, and the native binary runs.
# Prints one "PASS name" or "FAIL name" line per check, then "packaging: N passed, N failed", plus figures.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
passed=0
failed=0
emulator_pid=""
cleanup() { [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
check() { # name, then the command; the command's output goes to $work/<name>.log
  local name="$1"; shift
  if "$@" > "$work/$name.log" 2>&1; then echo "PASS $name"; passed=$((passed + 1)); else echo "FAIL $name"; tail -n 30 "$work/$name.log"; failed=$((failed + 1)); fi
}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A unique version, so the NuGet cache can never hand back a package from an earlier run.
version="0.1.0-local.$(date +%s)"
feed="$work/feed"

pack() {
  dotnet pack "$root/Dms.Codegen.sln" -c Release -o "$feed" -p:Version="$version" || return 1
  [ "$(ls "$feed"/*.nupkg | wc -l)" -eq 2 ] || return 1
  # List into files first: grep -q on a pipe would stop reading early and fail the pipeline (pipefail).
  unzip -Z1 "$feed/Dms.Codegen.$version.nupkg" > "$work/analyzer-package.txt" &&
  unzip -Z1 "$feed/Dms.Codegen.Runtime.$version.nupkg" > "$work/runtime-package.txt" || return 1
  grep -qx 'analyzers/dotnet/cs/Dms.Codegen.Generator.dll' "$work/analyzer-package.txt" &&
  grep -qx 'analyzers/dotnet/cs/YamlDotNet.dll' "$work/analyzer-package.txt" &&
  grep -qx 'build/Dms.Codegen.props' "$work/analyzer-package.txt" &&
  grep -qx 'build/Dms.Codegen.targets' "$work/analyzer-package.txt" &&
  [ "$(grep -c '^specs/[A-Za-z0-9]*\.yaml$' "$work/analyzer-package.txt")" -eq 325 ] &&
  ! grep -q '^lib/' "$work/analyzer-package.txt" &&
  grep -qx 'lib/net8.0/Dms.Codegen.Runtime.xml' "$work/runtime-package.txt" &&
  grep -qx 'README.md' "$work/runtime-package.txt"
}
check pack pack

consumer="$work/consumer"
create_consumer() {
  dotnet new console -o "$consumer" -n Consumer --framework net10.0 &&
  cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dms-local" value="$feed" />
  </packageSources>
</configuration>
XML
  cat > "$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <DmsCodegenNamespace>Consumer.Dms</DmsCodegenNamespace>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Dms.Codegen" Version="$version" PrivateAssets="all" />
    <PackageReference Include="Dms.Codegen.Runtime" Version="$version" />
  </ItemGroup>
  <ItemGroup>
    <DmsSpec Include="dms/*.yaml" />
    <DmsOperation Include="GetDataExportOrderDetail;ListOrders;CreateDataExportOrder;CreateDataTrackOrder" />
  </ItemGroup>
</Project>
XML
  mkdir -p "$consumer/dms" && cp "$root/specs/GetDataTrackJobDegree.yaml" "$consumer/dms/" &&
  cp "$root/tests/Packaging/Program.cs.template" "$consumer/Program.cs"
}
check consumer-create create_consumer

consumer_build() {
  dotnet build "$consumer" -c Release 2>&1 | tee "$work/consumer-build.txt" && grep -q ' 0 Warning(s)' "$work/consumer-build.txt"
}
check consumer-builds-with-zero-warnings consumer_build

start_emulator() {
  dotnet build "$root/emulator" -c Release > "$work/emulator-build.txt" 2>&1 || return 1
  dotnet run --no-build -c Release --project "$root/emulator" -- --port 0 > "$work/emulator.txt" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 100); do
    endpoint="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$work/emulator.txt" | head -n 1)"
    [ -n "$endpoint" ] && return 0
    sleep 0.2
  done
  return 1
}
check emulator-starts start_emulator

consumer_run() {
  DMS_ENDPOINT="$endpoint" dotnet run --no-build -c Release --project "$consumer" | tee "$work/consumer-run.txt" &&
  grep -q 'export PRE_CHECKING, track INIT, 5 operations' "$work/consumer-run.txt"
}
check consumer-runs-against-emulator consumer_run

broken_yaml() {
  printf 'operation: BrokenThing\nmethod: PUT\n' > "$consumer/dms/Broken.yaml"
  dotnet build "$consumer" -c Release > "$work/broken.txt" 2>&1
  local status=$?
  rm -f "$consumer/dms/Broken.yaml"
  [ "$status" -ne 0 ] && grep -qE 'dms/Broken\.yaml\(2,9\): error DMS0004: Invalid value for .method.' "$work/broken.txt"
}
check yaml-error-in-msbuild-format broken_yaml

# The generator's share of a warm build: the same project with the generated files checked in as sources.
measure_builds() {
  dotnet build "$consumer" -c Release > /dev/null 2>&1 || return 1
  local plain="$work/plain"
  cp -r "$consumer" "$plain" && rm -rf "$plain/bin" "$plain/obj" "$plain/dms" &&
  mkdir -p "$plain/Generated" && find "$consumer/obj/Release" -path '*Dms.Codegen.Generator*' -name '*.g.cs' -exec cp {} "$plain/Generated/" \; &&
  sed -i -e 's|<PackageReference Include="Dms.Codegen" [^>]*/>||' -e 's|<DmsSpec [^>]*/>||' -e 's|<DmsOperation [^>]*/>||' "$plain/Consumer.csproj" &&
  dotnet build "$plain" -c Release > /dev/null 2>&1 || return 1
  for project in "$consumer" "$plain"; do
    local start end
    start=$(date +%s%N)
    for _ in 1 2 3; do
      # Touch a source so the compiler runs (a fully up-to-date build skips it): a warm incremental build.
      touch "$project/Program.cs"
      dotnet build "$project" -c Release --no-restore > /dev/null 2>&1 || return 1
    done
    end=$(date +%s%N)
    echo "warm build $(basename "$project"): $(( (end - start) / 3000000 )) ms" | tee -a "$work/figures.txt"
  done
}
check warm-build-timing measure_builds

clang_for_aot() {
  command -v clang || command -v clang-14 || { apt-get install -y clang > /dev/null 2>&1 && command -v clang; }
}

native_aot() {
  local cc
  cc="$(clang_for_aot)" || return 1
  dotnet publish "$root/samples/QuickStart" -c Release -r linux-x64 -p:CppCompilerAndLinker="$cc" -o "$work/aot" 2>&1 | tee "$work/aot-publish.txt" || return 1
  ! grep -qE 'warning IL[0-9]{4}' "$work/aot-publish.txt" || return 1
  [ -x "$work/aot/QuickStart" ] || return 1
  (cd "$work" && env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET ./aot/QuickStart) | tee "$work/aot-run.txt" &&
  grep -q 'EXPORT_SUCCESS' "$work/aot-run.txt" && grep -q 'FILTER_SUCCESS:' "$work/aot-run.txt"
}
check native-aot-quickstart native_aot

echo "figures:"
for package in "$feed"/*.nupkg; do echo "  package $(basename "$package"): $(stat -c %s "$package") bytes"; done
[ -f "$work/aot/QuickStart" ] && echo "  NativeAOT quick-start binary: $(stat -c %s "$work/aot/QuickStart") bytes" && grep -oE 'first response [0-9]+ ms' "$work/aot-run.txt" | sed 's/^/  NativeAOT quick-start /'
[ -f "$work/figures.txt" ] && sed 's/^/  /' "$work/figures.txt"
echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
