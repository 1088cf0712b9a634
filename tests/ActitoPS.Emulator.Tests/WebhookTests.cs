using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>
/// Webhook subscriptions on ETL executions (…/webhookSubscription) and the calls the emulator makes when an
/// execution ends, received by a real HTTP listener on loopback.
/// </summary>
public sealed class WebhookTests : TriggeredEtlTest, IAsyncLifetime
{
    private const string Subscriptions = $"webhooks/v4/entity/{TestLicences.Entity}/webhookSubscription";

    private WebhookListener _listener = null!;

    protected override EmulatorOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.WebhookRetryDelay = TimeSpan.FromMilliseconds(20);
        options.WebhookTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    protected override async Task OnStartedAsync()
    {
        await base.OnStartedAsync();
        _listener = await WebhookListener.StartAsync();
    }

    [Fact]
    public async Task The_guides_subscription_is_accepted_as_it_stands_once_its_ETL_exists_and_answered_201_with_its_id()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        using var response = await Http.PostAsync(Subscriptions, Json(Fixtures.Read(Fixtures.WebhookSubscriptionEtlExecution)));

        Assert.Equal(123456, etlId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"id":1}""", await response.Content.ReadAsStringAsync());
        Assert.Equal($"/{Subscriptions}/1", response.Headers.Location?.OriginalString);
        var expected = new JsonObject { ["id"] = 1 };
        foreach (var (name, value) in Fixtures.ReadObject(Fixtures.WebhookSubscriptionEtlExecution))
        {
            expected[name] = value?.DeepClone();
        }

        Assert.Equal(expected.ToJsonString(), JsonNode.Parse((await GetAsync($"{Subscriptions}/1")).GetRawText())!.ToJsonString());
        Assert.Equal(1, Assert.Single((await GetAsync(Subscriptions)).GetProperty("webhookSubscriptions").EnumerateArray()).GetProperty("id").GetInt64());
        var snapshot = Assert.Single(Admin.GetWebhookSubscriptions());
        Assert.Equal(("123456", "ONE_BY_ONE", true), (snapshot.OnElementId, snapshot.WebhookPushType, snapshot.IsActive));
        Assert.Equal("Lkjvlknqdjd54DOJF$", snapshot.Headers["X-Authorization"]);
    }

    [Fact]
    public async Task DELETE_removes_the_subscription_and_it_is_called_no_more()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        var id = await SubscribeAsync(etlId, "/gone");

        using var deleted = await Http.DeleteAsync($"{Subscriptions}/{id}");
        using var read = await Http.GetAsync($"{Subscriptions}/{id}");
        using var again = await Http.DeleteAsync($"{Subscriptions}/{id}");
        using var malformed = await Http.GetAsync($"{Subscriptions}/abc");
        await RunTriggeredAsync(etlId, GuideZip());

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(read, HttpStatusCode.NotFound, "WEBHOOK_SUBSCRIPTION_NOT_FOUND");
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "WEBHOOK_SUBSCRIPTION_NOT_FOUND");
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "INVALID_WEBHOOK_SUBSCRIPTION_ID");
        Assert.Empty(Admin.GetWebhookSubscriptions());
        Assert.Empty(Admin.GetWebhookDeliveries());
    }

    [Fact]
    public async Task A_finished_triggered_execution_is_POSTed_to_the_target_with_Actitos_payload_and_the_subscriptions_headers()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        // A first execution, so that the ETL's id and the execution's differ.
        await RunAsync("customerId,lastName\n1,Smith\n", Definition("customerId,lastName"));
        var subscription = await SubscribeAsync(etlId, "/etlExecution", headers: new JsonObject { ["X-Authorization"] = "Lkjvlknqdjd54DOJF$", ["Content-Type"] = "text/plain" });

        var execution = await RunTriggeredAsync(etlId, GuideZip());
        var call = await _listener.WaitForCallAsync("/etlExecution");

        Assert.Equal(123457, execution.GetProperty("id").GetInt64());
        Assert.Equal("POST", call.Method);
        Assert.Equal("Lkjvlknqdjd54DOJF$", call.Headers["X-Authorization"]);
        Assert.StartsWith("application/json", call.Headers["Content-Type"]);
        Assert.Equal(["Content-Length", "Content-Type", "Host", "X-Authorization"], call.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase));
        var payload = JsonNode.Parse(call.Body)!.AsObject();
        Assert.True(Guid.TryParse(payload["id"]!.GetValue<string>(), out _));
        payload.Remove("id");
        Assert.Equal(
            JsonNode.Parse($$$$"""
                {"data":{"etl.id":"123456","etl.executionId":"123457","etl.executionStatus":"SUCCESS",
                         "_links":{"etlExecution":{"href":"/mass-imports/v5/entities/MyEntity/etl-executions/123457"},
                                   "etl":{"href":"/mass-imports/v5/entities/MyEntity/etls/123456"}}},
                 "_links":{"webhook":{"href":"/webhooks/v4/entity/MyEntity/webhookSubscription/{{{{subscription}}}}"}}}
                """)!.ToJsonString(),
            payload.ToJsonString());
        var delivery = Assert.Single(Admin.GetWebhookDeliveries());
        Assert.Equal((subscription, 123457L, (long?)etlId, "SUCCESS"), (delivery.SubscriptionId, delivery.ExecutionId, delivery.EtlId, delivery.ExecutionStatus));
        await Eventually.WaitUntilAsync(() => Admin.GetWebhookDeliveries()[0].Status == "DELIVERED", "the delivery is recorded");
        var delivered = Admin.GetWebhookDeliveries()[0];
        Assert.Equal((1, (int?)200, (string?)null), (delivered.Attempts, delivered.LastStatusCode, delivered.LastError));
        Assert.Equal(call.Body, delivered.Payload.GetRawText());
    }

    [Fact]
    public async Task An_execution_with_lines_in_error_is_WITH_ERROR_and_a_FAILED_one_FAILED()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/etl");

        await RunTriggeredAsync(etlId, GuideZip("eMail\nnot-an-email\n"));
        await RunTriggeredAsync(etlId, Zip(("orders.csv", Utf8("source\nweb\n"))));
        var calls = await _listener.WaitForCallsAsync("/etl", 2);

        var statuses = calls.Select(c => JsonNode.Parse(c.Body)!["data"]!["etl.executionStatus"]!.GetValue<string>()).Order();
        Assert.Equal(["FAILED", "WITH_ERROR"], statuses);
    }

    [Fact]
    public async Task An_inactive_subscription_is_not_called()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/inactive", isActive: false);
        await SubscribeAsync(etlId, "/active");

        await RunTriggeredAsync(etlId, GuideZip());
        await _listener.WaitForCallAsync("/active");
        // Another execution's call, made after the first, proves the first execution's calls have all been made.
        await RunTriggeredAsync(etlId, GuideZip(profiles: "eMail\nother@actito.com\n", orders: "source\nother\n"));
        await _listener.WaitForCallsAsync("/active", 2);

        Assert.DoesNotContain(_listener.Calls, c => c.Path == "/inactive");
        Assert.All(Admin.GetWebhookDeliveries(), d => Assert.EndsWith("/active", d.TargetUrl));
        Assert.False(Assert.Single(Admin.GetWebhookSubscriptions(), s => s.TargetUrl.EndsWith("/inactive", StringComparison.Ordinal)).IsActive);
    }

    [Fact]
    public async Task A_subscription_to_another_ETL_is_not_called()
    {
        var watched = await CreateEtlAsync(GuideDefinition());
        var other = await CreateEtlAsync(OneFileDefinition("customerId,lastName"));
        await SubscribeAsync(watched, "/watched");

        await RunTriggeredAsync(other, Utf8("customerId,lastName\n1,Smith\n"), "data.csv");
        await RunTriggeredAsync(watched, GuideZip());
        var call = await _listener.WaitForCallAsync("/watched");

        Assert.Equal("123456", JsonNode.Parse(call.Body)!["data"]!["etl.id"]!.GetValue<string>());
        Assert.Single(_listener.Calls);
    }

    [Fact]
    public async Task Without_onElementId_every_execution_of_the_entity_is_sent_one_shots_without_an_ETL_id_or_link()
    {
        var etlId = await CreateEtlAsync(OneFileDefinition("customerId,lastName"));
        await SubscribeAsync(null, "/all");

        await RunAsync("customerId,lastName\n1,Smith\n", Definition("customerId,lastName"));
        await _listener.WaitForCallAsync("/all");
        await RunTriggeredAsync(etlId, Utf8("customerId,lastName\n2,Doe\n"), "data.csv");
        var calls = await _listener.WaitForCallsAsync("/all", 2);

        var oneShot = JsonNode.Parse(calls[0].Body)!["data"]!.AsObject();
        Assert.Equal(
            """{"etl.executionId":"123456","etl.executionStatus":"SUCCESS","_links":{"etlExecution":{"href":"/mass-imports/v5/entities/MyEntity/etl-executions/123456"}}}""",
            oneShot.ToJsonString());
        Assert.Equal("123456", JsonNode.Parse(calls[1].Body)!["data"]!["etl.id"]!.GetValue<string>());
        Assert.Equal("123457", JsonNode.Parse(calls[1].Body)!["data"]!["etl.executionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task BULK_sends_data_as_an_array()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/bulk", pushType: "BULK");

        await RunTriggeredAsync(etlId, GuideZip());
        var call = await _listener.WaitForCallAsync("/bulk");

        var data = Assert.Single(JsonNode.Parse(call.Body)!["data"]!.AsArray());
        Assert.Equal("SUCCESS", data!["etl.executionStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_call_is_retried_with_the_same_body_until_the_receiver_answers_2xx()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/flaky");
        _listener.AnswerNext(500, 503);

        await RunTriggeredAsync(etlId, GuideZip());
        var calls = await _listener.WaitForCallsAsync("/flaky", 3);
        await Eventually.WaitUntilAsync(() => Admin.GetWebhookDeliveries()[0].Status == "DELIVERED", "the third attempt is recorded");

        Assert.Single(calls.Select(c => c.Body).Distinct());
        var delivery = Assert.Single(Admin.GetWebhookDeliveries());
        Assert.Equal((3, (int?)200), (delivery.Attempts, delivery.LastStatusCode));
        Assert.NotNull(delivery.CompletedAt);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_2xx_ends_FAILED_after_the_last_attempt_and_the_execution_is_not_held()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/down");
        _listener.AnswerNext(500, 500, 500, 500);

        var execution = await RunTriggeredAsync(etlId, GuideZip());
        await Eventually.WaitUntilAsync(() => Admin.GetWebhookDeliveries() is [{ Status: "FAILED" }], "every attempt has failed");

        AssertCounters(execution, read: 2, inError: 0, inserted: 2, updated: 0, deleted: 0);
        var delivery = Assert.Single(Admin.GetWebhookDeliveries());
        Assert.Equal((4, (int?)500), (delivery.Attempts, delivery.LastStatusCode));
        Assert.Contains("500", delivery.LastError);
        Assert.Equal(4, (await _listener.WaitForCallsAsync("/down", 4)).Count);
    }

    [Fact]
    public async Task A_receiver_that_cannot_be_reached_is_recorded_with_the_network_error()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        // A port held but not listening: connections to it are refused.
        using var held = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        held.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await SubscribeAsync(etlId, null, target: $"http://127.0.0.1:{((IPEndPoint)held.LocalEndPoint!).Port}/nowhere");

        await RunTriggeredAsync(etlId, GuideZip());
        await Eventually.WaitUntilAsync(() => Admin.GetWebhookDeliveries() is [{ Status: "FAILED" }], "every attempt has failed");

        var delivery = Assert.Single(Admin.GetWebhookDeliveries());
        Assert.Equal((4, (int?)null), (delivery.Attempts, delivery.LastStatusCode));
        Assert.False(string.IsNullOrEmpty(delivery.LastError));
    }

    [Fact]
    public async Task The_admin_API_lists_subscriptions_and_deliveries_over_HTTP()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/admin");
        await RunTriggeredAsync(etlId, GuideZip());
        await _listener.WaitForCallAsync("/admin");
        await Eventually.WaitUntilAsync(() => Admin.GetWebhookDeliveries() is [{ Status: "DELIVERED" }], "the delivery is recorded");

        using var subscriptions = await Http.GetAsync("_emulator/webhook-subscriptions");
        using var deliveries = await Http.GetAsync("_emulator/webhook-deliveries");

        var subscription = Assert.Single((await ReadJsonAsync(subscriptions)).EnumerateArray());
        Assert.Equal("123456", subscription.GetProperty("onElementId").GetString());
        var delivery = Assert.Single((await ReadJsonAsync(deliveries)).EnumerateArray());
        Assert.Equal(_listener.Url("/admin"), delivery.GetProperty("targetUrl").GetString());
        Assert.Equal("DELIVERED", delivery.GetProperty("status").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("SUCCESS", delivery.GetProperty("payload").GetProperty("data").GetProperty("etl.executionStatus").GetString());
    }

    [Fact]
    public async Task Reset_clears_the_subscriptions_and_deliveries()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await SubscribeAsync(etlId, "/reset");
        await RunTriggeredAsync(etlId, GuideZip());
        await _listener.WaitForCallAsync("/reset");

        Admin.Reset();

        Assert.Empty(Admin.GetWebhookSubscriptions());
        Assert.Empty(Admin.GetWebhookDeliveries());
    }

    [Fact]
    public async Task A_body_over_64_KB_is_read_whole_and_refused_400_INVALID_WEBHOOK_SUBSCRIPTION_storing_nothing()
    {
        await CreateEtlAsync(GuideDefinition());
        var body = Fixtures.ReadObject(Fixtures.WebhookSubscriptionEtlExecution);
        body["headers"]!["X-Padding"] = new string('x', 64 * 1024);

        using var response = await Http.PostAsync(Subscriptions, Json(body.ToJsonString()));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_WEBHOOK_SUBSCRIPTION");
        Assert.Empty(Admin.GetWebhookSubscriptions());
    }

    [Theory]
    [InlineData("on", "\"PROFILE_TABLE\"", "on")]
    [InlineData("on", null, "on")]
    [InlineData("eventType", "\"STARTED\"", "eventType")]
    [InlineData("onElementId", "\"999\"", "onElementId")]
    [InlineData("onElementId", "[1]", "onElementId")]
    [InlineData("targetUrl", null, "targetUrl")]
    [InlineData("targetUrl", "\"ftp://example.com/hook\"", "targetUrl")]
    [InlineData("targetUrl", "\"/relative\"", "targetUrl")]
    [InlineData("headers", "[\"X-Authorization\"]", "headers")]
    [InlineData("headers", "{\"X-Count\":3}", "headers.X-Count")]
    [InlineData("headers", "{\"Bad Name\":\"x\"}", "headers.Bad Name")]
    [InlineData("webhookPushType", "\"SOMETIMES\"", "webhookPushType")]
    [InlineData("isActive", "\"maybe\"", "isActive")]
    public async Task A_subscription_the_emulator_cannot_serve_is_400_INVALID_WEBHOOK_SUBSCRIPTION_naming_the_property(string property, string? json, string field)
    {
        await CreateEtlAsync(GuideDefinition());
        var body = Fixtures.ReadObject(Fixtures.WebhookSubscriptionEtlExecution);
        if (json is null)
        {
            body.Remove(property);
        }
        else
        {
            body[property] = JsonNode.Parse(json);
        }

        using var response = await Http.PostAsync(Subscriptions, Json(body.ToJsonString()));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_WEBHOOK_SUBSCRIPTION", field);
        Assert.Empty(Admin.GetWebhookSubscriptions());
    }

    [Fact]
    public async Task Enumerated_values_match_in_any_case_and_defaults_are_ONE_BY_ONE_and_active()
    {
        using var response = await Http.PostAsync(
            Subscriptions,
            Json($$"""{"on":"etl_execution","eventType":"finished","targetUrl":"{{_listener.Url("/x")}}"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await GetAsync($"{Subscriptions}/1");
        Assert.Equal(
            $$"""{"id":1,"on":"ETL_EXECUTION","eventType":"FINISHED","targetUrl":"{{_listener.Url("/x")}}","headers":{},"webhookPushType":"ONE_BY_ONE","isActive":true}""",
            stored.GetRawText());
    }

    public new async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The guide's subscription body, aimed at the listener.</summary>
    /// <param name="etlId">Null: no onElementId (every execution of the entity).</param>
    private async Task<long> SubscribeAsync(long? etlId, string? path, bool isActive = true, JsonObject? headers = null, string pushType = "ONE_BY_ONE", string? target = null)
    {
        var body = Fixtures.ReadObject(Fixtures.WebhookSubscriptionEtlExecution);
        if (etlId is null)
        {
            body.Remove("onElementId");
        }
        else
        {
            body["onElementId"] = etlId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        body["targetUrl"] = target ?? _listener.Url(path!);
        body["isActive"] = isActive;
        body["webhookPushType"] = pushType;
        if (headers is not null)
        {
            body["headers"] = headers;
        }

        using var response = await Http.PostAsync(Subscriptions, Json(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
