// The wire vocabulary, declared once: the runtime compiles this file as public API and the generator
// (netstandard2.0) compiles the same file as internal model types, so the names the generator writes into
// generated code are by construction the runtime's names.
#if DMS_CODEGEN_GENERATOR
namespace Dms.Codegen.Generator.Model;
#else
namespace Dms.Codegen.Http;
#endif

/// <summary>The HTTP method an operation is sent with.</summary>
#if DMS_CODEGEN_GENERATOR
internal
#else
public
#endif
enum DmsHttpMethod
{
    /// <summary>POST, the default: parameters in the query string or the form body.</summary>
    Post,

    /// <summary>GET: parameters in the query string only.</summary>
    Get,
}

/// <summary>Where a parameter travels on the wire.</summary>
#if DMS_CODEGEN_GENERATOR
internal
#else
public
#endif
enum DmsParameterLocation
{
    /// <summary>The URL query string.</summary>
    Query,

    /// <summary>The <c>application/x-www-form-urlencoded</c> request body.</summary>
    Form,
}

/// <summary>How a parameter's value is encoded on the wire.</summary>
#if DMS_CODEGEN_GENERATOR
internal
#else
public
#endif
enum DmsParameterStyle
{
    /// <summary>A scalar, as text.</summary>
    Plain,

    /// <summary>The whole value as one JSON string.</summary>
    Json,

    /// <summary>Scalars joined with commas.</summary>
    Simple,

    /// <summary><c>Name.1.Key=value</c> pairs.</summary>
    Flat,

    /// <summary><c>Name.1.Key=value</c> pairs, for lists of objects.</summary>
    RepeatList,
}

/// <summary>The kind of value a parameter carries, as the spec declares it.</summary>
#if DMS_CODEGEN_GENERATOR
internal
#else
public
#endif
enum DmsValueKind
{
    /// <summary>Text.</summary>
    String,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>A floating-point number.</summary>
    Double,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>Any JSON value.</summary>
    Any,

    /// <summary>A JSON object.</summary>
    Object,

    /// <summary>A list.</summary>
    Array,

    /// <summary>A map of string keys.</summary>
    Map,
}
