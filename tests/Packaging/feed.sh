# Sourced by run.sh and emulator.sh: a nuget.config in <dir> whose only package source is the local feed ($feed),
# so a fresh consumer restores our packages from what was just packed.
nuget_config() {
  cat > "$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dms-local" value="$feed" />
  </packageSources>
</configuration>
XML
}
