namespace Dms.Codegen;

/// <summary>Which Alibaba Cloud signature a client sends.</summary>
public enum DmsSignatureVersion
{
    /// <summary><c>ACS3-HMAC-SHA256</c>, the current signature and the default.</summary>
    V3,

    /// <summary>The classic RPC signature, <c>HMAC-SHA1</c> with <c>SignatureVersion=1.0</c>.</summary>
    V1,
}
