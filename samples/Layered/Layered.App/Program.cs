using Dms.Codegen;
using Dms.Codegen.Emulator;
using Layered.Api;

// The generated API lives in the Dms.Api library; this app only calls it. With no configuration it runs on the
// built-in DMS emulator, started in-process; set DMS_ENDPOINT and the ALIBABA_CLOUD_ACCESS_KEY_* variables to call
// another endpoint instead.
await using var emulator = Environment.GetEnvironmentVariable("DMS_ENDPOINT") is { Length: > 0 }
    ? null
    : await DmsEmulator.StartAsync(new DmsEmulatorOptions());
using var client = new DmsClient(new DmsClientOptions
{
    Endpoint = emulator?.Endpoint ?? new Uri(Environment.GetEnvironmentVariable("DMS_ENDPOINT")!),
    Credentials = emulator is null
        ? DmsCredentials.Environment()
        : DmsCredentials.AccessKey(DmsEmulatorOptions.DefaultAccessKeyId, DmsEmulatorOptions.DefaultAccessKeySecret),
});

var created = await client.CreateDataExportOrderAsync(new CreateDataExportOrderRequest
{
    Comment = "layered sample",
    PluginParam = new() { DbId = 2001, InstanceId = 1001, ExeSQL = "SELECT 1", AffectRows = 1, Classify = "sample", IgnoreAffectRows = false, Logic = false },
});
var orderId = created.CreateOrderResult!.CreateOrderResult![0];
var info = await client.GetOrderBaseInfoAsync(new GetOrderBaseInfoRequest { OrderId = orderId });
var orders = await client.ListOrdersAsync(new ListOrdersRequest { PageNumber = 1, PageSize = 20 });
Console.WriteLine($"ticket {orderId}: {info.OrderBaseInfo?.StatusCode?.Value}; {orders.TotalCount} ticket(s) listed");
// edit
