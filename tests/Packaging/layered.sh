#!/usr/bin/env bash
# The layered sample (samples/Layered), called by run.sh: the generated API lives in the Dms.Api class library and
# MSBuild's incremental build compiles it only when a spec changes. On a copy of the sample and of specs/ (nothing
# in the repository is edited), with the generator and runtime from this checkout:
#   1. the solution builds with zero warnings and the app runs against the in-process emulator;
#   2. after an edit to the app's Program.cs, a rebuild compiles the app but not the library (csc did not write
#      Dms.Api.dll: same time stamp and same bytes);
#   3. after an edit to a spec's summary, a rebuild compiles the library again, from the edited spec (its XML docs
#      say so), but not the app: the library's reference assembly holds no docs, so it did not change.
# Prints one "PASS name" or "FAIL name" line per check, like run.sh. The time each build took goes to the file
# named by the first argument (run.sh prints it with its figures), or to the output.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
figures="${1:-$work/figures.txt}"
status=0
check() { # name, then the command; its output goes to $work/<name>.log
  local name="$1"; shift
  if "$@" > "$work/$name.log" 2>&1; then echo "PASS $name"; else echo "FAIL $name"; tail -n 30 "$work/$name.log"; status=1; fi
}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Read by samples/Layered/Directory.Build.props (as environment, not global, properties: the generator and runtime
# projects are then the same project instances as in a plain build of the repository, and stay up to date).
export DmsCodegenRepoRoot="$root/" DmsCodegenSpecs="$work/specs/"

sample="$work/Layered"
library_dll="$sample/Dms.Api/obj/Debug/net10.0/Dms.Api.dll"
app_dll="$sample/Layered.App/obj/Debug/net10.0/Layered.App.dll"
fingerprint() { stat -c '%y' "$1" && sha256sum < "$1"; } # csc writes its output whenever it runs

timed_build() { # label, then extra dotnet build arguments
  local label="$1" start
  shift
  start=$(date +%s%N)
  dotnet build "$sample/Layered.slnx" "$@" > "$work/build.txt" 2>&1 || { cat "$work/build.txt"; return 1; }
  echo "layered build, $label: $(( ($(date +%s%N) - start) / 1000000 )) ms" >> "$figures"
  grep -q ' 0 Warning(s)' "$work/build.txt" || { cat "$work/build.txt"; return 1; }
}

cold() {
  cp -r "$root/samples/Layered" "$work/" && cp -r "$root/specs" "$work/" &&
  rm -rf "$sample"/*/bin "$sample"/*/obj &&
  timed_build cold &&
  dotnet "$sample/Layered.App/bin/Debug/net10.0/Layered.App.dll" | tee "$work/run.txt" &&
  grep -qE '^ticket [0-9]+: new; [1-9][0-9]* ticket\(s\) listed$' "$work/run.txt"
}
check layered-sample-builds-and-runs cold

edit_app() {
  local library_before app_before
  library_before="$(fingerprint "$library_dll")" && app_before="$(fingerprint "$app_dll")" || return 1
  echo "// edited by tests/Packaging/layered.sh" >> "$sample/Layered.App/Program.cs"
  timed_build 'after editing Program.cs' --no-restore || return 1
  [ "$(fingerprint "$app_dll")" != "$app_before" ] || { echo "the app was not compiled again"; return 1; }
  [ "$(fingerprint "$library_dll")" = "$library_before" ] || { echo "the library was compiled again"; return 1; }
}
check layered-app-edit-skips-library-compile edit_app

edit_spec() {
  local library_before app_before spec summary
  library_before="$(fingerprint "$library_dll")" && app_before="$(fingerprint "$app_dll")" || return 1
  spec="$(find "$work/specs" -name ListOrders.yaml)" && [ -f "$spec" ] || return 1
  summary="Queries tickets, edited by layered.sh $$."
  sed -i "s/^summary: .*/summary: \"$summary\"/" "$spec" && grep -qF "$summary" "$spec" || return 1
  timed_build 'after editing ListOrders.yaml' --no-restore || return 1
  [ "$(fingerprint "$library_dll")" != "$library_before" ] || { echo "the library was not compiled again"; return 1; }
  grep -qF "$summary" "$sample/Dms.Api/obj/Debug/net10.0/Dms.Api.xml" || { echo "the library's docs lack the edit"; return 1; }
  [ "$(fingerprint "$app_dll")" = "$app_before" ] || { echo "the app was compiled again for a docs-only change"; return 1; }
}
check layered-spec-edit-recompiles-library-only edit_spec

[ $# -eq 0 ] && [ -f "$figures" ] && sed 's/^/  /' "$figures"
exit "$status"
