namespace Dms.Codegen.Http;

/// <summary>A generated operation request: it validates itself and builds its wire form.</summary>
public interface IDmsOperationRequest
{
    /// <summary>Checks every documented constraint (required parameters); throws <see cref="System.ArgumentException"/> before anything is sent.</summary>
    void Validate();

    /// <summary>Validates, then places every parameter in the query or the form body with its encoding.</summary>
    DmsRequest BuildRequest();
}
