#!/usr/bin/env bash
# Packaging checks, run by .ci/run after the unit tests:
#   1. `dotnet pack` makes the kit's two packages and the emulator's two (library and tool, checked by emulator.sh
#      from the same feed), and the libraries' .snupkg, from one version, with no warning;
#   2. both carry the metadata a .NET team expects (repository URL and commit, project URL, icon, release notes,
#      copyright, readme, licence), and Dms.Codegen depends on Dms.Codegen.Runtime for each target framework;
#   3. every DLL of ours (Dms.Codegen.*, dms-emulator) in every package has its PDB (embedded, in the .snupkg, or
#      beside it in the tool package) with SourceLink, and no machine path;
#   4. a fresh consumer: a class library with ONE PackageReference (Dms.Codegen) holding the generated API, and an
#      app that references only that library; both build with zero warnings and the app runs against the emulator;
#   5. a broken YAML spec fails that build as `path/file.yaml(line,col): error DMSxxxx: message`;
#   6. the quick-start publishes with PublishAot=true with no trim/AOT warning, and the native binary runs;
#   7. layered.sh: in samples/Layered, editing app code does not compile the generated API's library again, and
#      editing a spec does;
#   8. emulator.sh: the emulator library from a fresh consumer, and the dms-emulator tool installed and run.
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
script_start=$(date +%s)

# A unique version, so the NuGet cache can never hand back a package from an earlier run.
version="0.1.0-local.$(date +%s)"
feed="$work/feed"

# The project's address, as Directory.Build.props declares it (one MSBuild property for URL, help links and docs).
repository_url="$(sed -n 's|.*<DmsCodegenRepositoryUrl [^>]*>\([^<]*\)</DmsCodegenRepositoryUrl>.*|\1|p' "$root/Directory.Build.props")"

pack() {
  dotnet pack "$root/Dms.Codegen.sln" -c Release -o "$feed" -p:Version="$version" 2>&1 | tee "$work/pack-output.txt" || return 1
  # Warning-free: warnings are errors in our projects, but pack's own (NU5xxx) are not, so count them.
  ! grep -qE '(warning|error) [A-Z]+[0-9]+' "$work/pack-output.txt" || return 1
  # The kit's two packages and the emulator's two (library and tool, checked in emulator.sh).
  [ "$(ls "$feed"/*.nupkg | wc -l)" -eq 4 ] && [ -f "$feed/Dms.Codegen.Runtime.$version.snupkg" ] &&
    [ -f "$feed/Dms.Codegen.Emulator.$version.snupkg" ] || return 1
  # List into files first: grep -q on a pipe would stop reading early and fail the pipeline (pipefail).
  unzip -Z1 "$feed/Dms.Codegen.$version.nupkg" > "$work/analyzer-package.txt" &&
  unzip -Z1 "$feed/Dms.Codegen.Runtime.$version.nupkg" > "$work/runtime-package.txt" || return 1
  grep -qx 'analyzers/dotnet/cs/Dms.Codegen.Generator.dll' "$work/analyzer-package.txt" &&
  grep -qx 'analyzers/dotnet/cs/YamlDotNet.dll' "$work/analyzer-package.txt" &&
  grep -qx 'build/Dms.Codegen.props' "$work/analyzer-package.txt" &&
  grep -qx 'build/Dms.Codegen.targets' "$work/analyzer-package.txt" &&
  [ "$(grep -c '^specs/[A-Za-z0-9]*\.yaml$' "$work/analyzer-package.txt")" -eq 325 ] &&
  grep -qx 'lib/net8.0/_._' "$work/analyzer-package.txt" && grep -qx 'lib/net10.0/_._' "$work/analyzer-package.txt" &&
  [ "$(grep -c '^lib/' "$work/analyzer-package.txt")" -eq 2 ] &&
  grep -qx 'THIRD-PARTY-NOTICES.md' "$work/analyzer-package.txt" &&
  grep -qx 'lib/net8.0/Dms.Codegen.Runtime.xml' "$work/runtime-package.txt" &&
  grep -qx 'ConfigurationSchema.json' "$work/runtime-package.txt" &&
  grep -qx 'buildTransitive/net8.0/Dms.Codegen.Runtime.targets' "$work/runtime-package.txt" &&
  grep -qx 'buildTransitive/net10.0/Dms.Codegen.Runtime.targets' "$work/runtime-package.txt" &&
  grep -qx 'README.md' "$work/runtime-package.txt"
}
check pack pack

# counted <name> <script> [args]: runs a checks script of its own and counts its PASS/FAIL lines here too; an exit
# that is not 0 without a FAIL line (the script broke) is one failure.
counted() {
  local name="$1" script="$2" status
  shift 2
  bash "$root/tests/Packaging/$script" "$@" | tee "$work/$name.txt"
  status=${PIPESTATUS[0]}
  passed=$((passed + $(grep -c '^PASS ' "$work/$name.txt")))
  failed=$((failed + $(grep -c '^FAIL ' "$work/$name.txt")))
  if [ "$status" -ne 0 ] && ! grep -q '^FAIL ' "$work/$name.txt"; then
    echo "FAIL $name (exit $status without a FAIL line)"; failed=$((failed + 1))
  fi
}
# The emulator's library and tool packages, from this feed.
counted emulator emulator.sh "$feed" "$version"

# nuspec_has <package> <regex>: the package's nuspec matches the (extended) regex.
nuspec_has() {
  unzip -p "$feed/$1.$version.nupkg" "$1.nuspec" > "$work/$1.nuspec" && grep -qE "$2" "$work/$1.nuspec"
}
metadata() {
  local commit
  commit="$(git -C "$root" rev-parse HEAD 2>/dev/null)" || commit='[0-9a-f]{40}'
  for id in Dms.Codegen Dms.Codegen.Runtime; do
  # grep reads its whole input here (no -q after a pipe): under pipefail an early exit would SIGPIPE the writer.
    nuspec_has "$id" "<repository type=\"git\" url=\"$repository_url\" branch=\"[^\"]+\" commit=\"$commit\" />" &&
    nuspec_has "$id" "<projectUrl>$repository_url</projectUrl>" &&
    nuspec_has "$id" '<license type="expression">MIT</license>' &&
    nuspec_has "$id" '<icon>icon.png</icon>' && unzip -Z1 "$feed/$id.$version.nupkg" | grep -x 'icon.png' >/dev/null &&
    nuspec_has "$id" '<readme>README.md</readme>' &&
    nuspec_has "$id" "<releaseNotes>.*$repository_url/blob/[^/]+/CHANGELOG.md</releaseNotes>" &&
    nuspec_has "$id" '<copyright>Copyright \(c\) [0-9]{4} Dms.Codegen contributors</copyright>' || { echo "metadata of $id"; return 1; }
  done
  # One PackageReference is enough: the analyzer package brings the runtime for each framework, and is no
  # development dependency (which would stop the runtime flowing to projects that reference the consumer).
  ! grep -q 'developmentDependency' "$work/Dms.Codegen.nuspec" &&
  tr -d '\n' < "$work/Dms.Codegen.nuspec" | grep -E "<group targetFramework=\"net8.0\">[^/]*<dependency id=\"Dms.Codegen.Runtime\" version=\"$version\"" >/dev/null &&
  tr -d '\n' < "$work/Dms.Codegen.nuspec" | grep -E "<group targetFramework=\"net10.0\">[^/]*<dependency id=\"Dms.Codegen.Runtime\" version=\"$version\"" >/dev/null
}
check package-metadata-and-runtime-dependency metadata

symbols() {
  dotnet run "$root/tests/Packaging/SymbolCheck.cs" -- "$feed" "$root" "$repository_url" | tee "$work/symbols.txt" || return 1
  # One "ok" line for each of our DLLs in the packages, counted from their listings (each package has one at least),
  # so a check that skipped a package or a DLL cannot pass.
  local package expected=0 ours
  for package in "$feed"/*.nupkg; do
    ours="$(unzip -Z1 "$package" | grep -cE '(^|/)(Dms\.Codegen[^/]*|dms-emulator)\.dll$')"
    [ "$ours" -gt 0 ] || { echo "no DLL of ours in $(basename "$package")"; return 1; }
    expected=$((expected + ours))
  done
  echo "expected $expected assemblies"
  [ "$(grep -c '^ok ' "$work/symbols.txt")" -eq "$expected" ]
}
check symbols-sourcelink-no-machine-paths symbols

# The consumer: a class library that holds the generated API (one PackageReference, nothing else) and an app that
# references only the library, so the runtime reaches the app transitively. The library targets net8.0 and the app
# net10.0, so both of the package's dependency groups are used.
consumer="$work/consumer"
app="$work/app"
# shellcheck source=feed.sh
. "$root/tests/Packaging/feed.sh"
create_consumer() {
  mkdir -p "$consumer/dms" "$app" && nuget_config "$consumer" && nuget_config "$app" &&
  cat > "$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <DmsCodegenNamespace>Consumer.Dms</DmsCodegenNamespace>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Dms.Codegen" Version="$version" />
  </ItemGroup>
  <ItemGroup>
    <DmsSpec Include="dms/*.yaml" />
    <DmsOperation Include="GetDataExportOrderDetail;ListOrders;CreateDataExportOrder;CreateDataTrackOrder" />
  </ItemGroup>
</Project>
XML
  cat > "$consumer/Marker.cs" <<'CS'
namespace Consumer;

/// <summary>A source file of the library's own, touched by the warm-build measurement.</summary>
public static class Marker
{
}
CS
  cat > "$app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="../consumer/Consumer.csproj" />
  </ItemGroup>
</Project>
XML
  cp "$root/specs/GetDataTrackJobDegree.yaml" "$consumer/dms/" &&
  cp "$root/tests/Packaging/Program.cs.template" "$app/Program.cs"
}
check consumer-create create_consumer

consumer_build() {
  dotnet build "$app" -c Release 2>&1 | tee "$work/consumer-build.txt" && grep -q ' 0 Warning(s)' "$work/consumer-build.txt" &&
  # The runtime came with the analyzer package, for each project's own framework.
  grep -q '"Dms.Codegen.Runtime/'"$version"'"' "$consumer/obj/project.assets.json" &&
  grep -q '"Dms.Codegen.Runtime/'"$version"'"' "$app/obj/project.assets.json" &&
  [ -f "$app/bin/Release/net10.0/Dms.Codegen.Runtime.dll" ]
}
check consumer-one-package-reference-builds-with-zero-warnings consumer_build

# The appsettings schema reaches the app, which has the runtime only transitively, as editors read it: a
# JsonSchemaSegment item for appsettings*.json naming the package's ConfigurationSchema.json with the Dms section.
appsettings_schema() {
  dotnet msbuild "$app/App.csproj" -getItem:JsonSchemaSegment > "$work/schema-items.json" || return 1
  local schema
  schema="$(sed -n 's|.*"FullPath": "\([^"]*ConfigurationSchema\.json\)".*|\1|p' "$work/schema-items.json" | head -n 1)"
  [ -f "$schema" ] && grep -q '"FilePathPattern": "appsettings' "$work/schema-items.json" &&
  grep -q '"Dms": {' "$schema" && grep -q '"RegionId": {' "$schema"
}
check appsettings-schema-for-the-app appsettings_schema

start_emulator() {
  dotnet build "$root/tools/Dms.Codegen.Emulator.Tool" -c Release > "$work/emulator-build.txt" 2>&1 || return 1
  dotnet run --no-build -c Release --project "$root/tools/Dms.Codegen.Emulator.Tool" -- --port 0 > "$work/emulator.txt" 2>&1 &
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
  DMS_ENDPOINT="$endpoint" dotnet run --no-build -c Release --project "$app" | tee "$work/consumer-run.txt" &&
  grep -q 'export PRE_CHECKING, track INIT, 5 operations' "$work/consumer-run.txt"
}
check app-via-library-runs-against-emulator consumer_run

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
  sed -i -e 's|<PackageReference Include="Dms.Codegen" |<PackageReference Include="Dms.Codegen.Runtime" |' -e 's|<DmsSpec [^>]*/>||' -e 's|<DmsOperation [^>]*/>||' "$plain/Consumer.csproj" &&
  dotnet build "$plain" -c Release > /dev/null 2>&1 || return 1
  for project in "$consumer" "$plain"; do
    local start end
    start=$(date +%s%N)
    for _ in 1 2 3; do
      # Touch a source so the compiler runs (a fully up-to-date build skips it): a warm incremental build.
      touch "$project/Marker.cs"
      dotnet build "$project" -c Release --no-restore > /dev/null 2>&1 || return 1
    done
    end=$(date +%s%N)
    echo "warm build $(basename "$project"): $(( (end - start) / 3000000 )) ms" | tee -a "$work/figures.txt"
  done
}
check warm-build-timing measure_builds

# The layered sample (project references, not the packages): its PASS/FAIL lines are counted here too.
counted layered layered.sh "$work/figures.txt"

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
echo "  packaging script: $(( $(date +%s) - script_start )) s"
echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
