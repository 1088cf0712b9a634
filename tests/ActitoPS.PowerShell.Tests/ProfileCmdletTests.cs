using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>The one-by-one profile cmdlets of the feeding guide's steps 1–3, fed as users feed them.</summary>
public sealed class ProfileCmdletTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private const string Helene = "[pscustomobject]@{ customerId = '10001'; emailAddress = 'helene@example.com'; firstName = 'Hélène'; lastName = 'Dubois'; birthDate = '1984-03-12'; nbChildren = '2' }";
    private const string Jan = "[pscustomobject]@{ customerId = '10002'; emailAddress = 'jan@example.com'; firstName = 'Jan'; lastName = 'Peeters' }";

    private IReadOnlyList<ProfileSnapshot> Stored => Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);

    private ProfileSnapshot StoredCustomer(string id) => Assert.Single(Stored, p => p.Attributes.GetValueOrDefault("customerId") == id);

    /// <summary>Two profiles in the emulator; the request log starts empty after them.</summary>
    private long[] Seed()
    {
        Connect();
        var ids = Session.Run($"{Helene}, {Jan} | Set-ActitoProfile -Table MyWebsiteProfiles | ForEach-Object ProfileId").AssertClean().Output.Select(o => (long)o.BaseObject).ToArray();
        Emulator.Admin.ClearRequestLog();
        return ids;
    }

    private IReadOnlyList<string> Calls() => [.. Emulator.Admin.GetRequestLog().Where(e => !e.Path.Contains("/auth/")).Select(e => $"{e.Method} {e.Path}")];

    [Fact]
    public void Get_ActitoProfileTable_lists_the_tables_with_their_structure_once_per_connection_and_again_with_Refresh()
    {
        Connect();

        var table = Session.Run("Get-ActitoProfileTable").AssertClean().Output.Single();
        Session.Run("Get-ActitoProfileTable -Name My*").AssertClean();
        Assert.Single(Calls());
        Session.Run("Get-ActitoProfileTable -Refresh").AssertClean();
        Assert.Equal(2, Calls().Count);

        Assert.Equal("MyWebsiteProfiles", Rows.Property(table, "Name"));
        Assert.Equal(["Newsletter", "Promotions"], ((IEnumerable<string>)Rows.Property(table, "Subscriptions")!).ToArray());
        var attributes = Session.Run("(Get-ActitoProfileTable MyWebsiteProfiles).Attributes | Where-Object Unique | ForEach-Object { '{0}:{1}' -f $_.Name, $_.ValueType }").AssertClean().Text;
        Assert.Equal(["emailAddress:EMAIL", "customerId:INTEGER"], attributes);
        var categories = Session.Run("((Get-ActitoProfileTable MyWebsiteProfiles).Segmentations | Where-Object Name -eq ClientType).Categories").AssertClean().Text;
        Assert.Equal(["Gold", "Silver", "Bronze"], categories);
    }

    [Fact]
    public void Get_ActitoProfileTable_with_an_unknown_name_is_a_not_found_error_that_lists_the_tables()
    {
        Connect();

        var result = Session.Run("Get-ActitoProfileTable -Name Nope, MyWebsiteProfiles");

        Assert.Single(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoNotFound,ActitoPS.Profiles.GetActitoProfileTableCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Its profile tables: MyWebsiteProfiles", error.Exception.Message);
    }

    [Fact]
    public void Get_ActitoProfile_by_piped_ids_gives_typed_attributes_as_properties()
    {
        var ids = Seed();

        var result = Session.Run($"{ids[0]}, {ids[1]} | Get-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        Assert.Equal(ids, result.Output.Select(o => (long)Rows.Property(o, "ProfileId")!));
        var helene = result.Output[0];
        Assert.Equal(new DateTime(1984, 3, 12), Rows.Property(helene, "birthDate"));
        Assert.Equal(2L, Rows.Property(helene, "nbChildren"));
        Assert.Equal(10001L, Rows.Property(helene, "customerId"));
        Assert.Equal("Hélène", Rows.Property(helene, "firstName"));
        Assert.Equal("MyWebsiteProfiles", Rows.Property(helene, "Table"));
        Assert.NotNull(Rows.Property(helene, "Response"));
    }

    [Fact]
    public void Get_ActitoProfile_by_a_unique_key_takes_values_from_the_pipeline_and_an_unknown_one_is_a_not_found_error()
    {
        Seed();

        var result = Session.Run("'jan@example.com', 'nobody@example.com', 'helene@example.com' | Get-ActitoProfile -Table MyWebsiteProfiles -Key emailAddress");

        Assert.Equal([10002L, 10001L], result.Output.Select(o => (long)Rows.Property(o, "customerId")!));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoNotFound,ActitoPS.Profiles.GetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("emailAddress=nobody@example.com", error.Exception.Message);
        Assert.Equal("nobody@example.com", error.TargetObject?.ToString());
    }

    [Fact]
    public void Get_ActitoProfile_by_an_attribute_that_is_not_unique_costs_no_call()
    {
        Seed();

        var result = Session.Run("Get-ActitoProfile -Table MyWebsiteProfiles -Key lastName -Value Dubois");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoInvalidRow,ActitoPS.Profiles.GetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Contains("lastName is not a unique attribute", error.Exception.Message);
        Assert.Empty(Calls());
    }

    [Fact]
    public void A_profile_found_by_key_and_piped_to_Remove_ActitoProfile_is_deleted_and_only_that_one()
    {
        Seed();

        var result = Session.Run("Get-ActitoProfile -Table MyWebsiteProfiles -Key emailAddress -Value jan@example.com | Remove-ActitoProfile -Confirm:$false").AssertClean();

        Assert.Equal("Deleted", Rows.Property(result.Output.Single(), "Change"));
        Assert.Equal("10001", Assert.Single(Stored).Attributes["customerId"]);
        Assert.Contains(Calls(), c => c.StartsWith("DELETE /profiles/v4/entity/MyEntity/table/MyWebsiteProfiles/profile/", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_ActitoProfile_asks_first_and_No_deletes_nothing_while_Force_deletes_without_asking()
    {
        var ids = Seed();
        Session.UI.Answer(ConfirmAnswer.No);

        Session.Run($"Remove-ActitoProfile -Table MyWebsiteProfiles -ProfileId {ids[0]}").AssertClean();

        Assert.Single(Session.UI.Prompts);
        Assert.Equal(2, Stored.Count);

        Session.Run($"Remove-ActitoProfile -Table MyWebsiteProfiles -ProfileId {ids[0]} -Force").AssertClean();

        Assert.Single(Session.UI.Prompts);
        Assert.Single(Stored);
    }

    [Fact]
    public void Remove_ActitoProfile_Force_WhatIf_still_deletes_nothing()
    {
        var ids = Seed();

        Session.Run($"Remove-ActitoProfile -Table MyWebsiteProfiles -ProfileId {ids[0]} -Force -WhatIf").AssertClean();

        Assert.Equal(2, Stored.Count);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_an_unknown_profile_is_a_not_found_error_naming_the_id_and_the_others_go_on()
    {
        var ids = Seed();

        var result = Session.Run($"{ids[0]}, 999999, {ids[1]} | Remove-ActitoProfile -Table MyWebsiteProfiles -Force");

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoNotFound,ActitoPS.Profiles.RemoveActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("Row 2", error.Exception.Message);
        Assert.Contains("No profile 999999", error.Exception.Message);
        Assert.Empty(Stored);
    }

    [Fact]
    public void A_profile_piped_to_Set_ActitoProfile_with_a_segmentation_is_updated_by_id_and_keeps_its_attributes()
    {
        Seed();

        Session.Run("Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 10001 | Set-ActitoProfile -Segmentation @{ ClientType = 'Gold' }").AssertClean();

        var helene = StoredCustomer("10001");
        Assert.Equal(["Gold"], helene.Segmentations["ClientType"]);
        Assert.Equal("Hélène", helene.Attributes["firstName"]);
        Assert.Equal("1984-03-12", helene.Attributes["birthDate"]);
        Assert.Contains(Calls(), c => c.StartsWith("PUT /profiles/v4/entity/MyEntity/table/MyWebsiteProfiles/profile/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_edited_in_PowerShell_and_piped_back_changes_only_what_was_edited()
    {
        Seed();

        Session.Run("$p = Get-ActitoProfile -Table MyWebsiteProfiles -Key customerId -Value 10001; $p.firstName = 'Helena'; $p | Set-ActitoProfile").AssertClean();

        var helene = StoredCustomer("10001");
        Assert.Equal("Helena", helene.Attributes["firstName"]);
        Assert.Equal("Dubois", helene.Attributes["lastName"]);
        Assert.Equal("2", helene.Attributes["nbChildren"]);
        Assert.Equal(2, helene.WriteCount);
    }

    [Fact]
    public void ProfileId_makes_a_partial_update_that_leaves_the_other_attributes_as_they_were()
    {
        var ids = Seed();

        var result = Session.Run($"[pscustomobject]@{{ ProfileId = '{ids[1]}'; lastName = 'Peeters-Maes' }} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        Assert.Equal(ids[1], Rows.Property(result.Output.Single(), "ProfileId"));
        var jan = StoredCustomer("10002");
        Assert.Equal("Peeters-Maes", jan.Attributes["lastName"]);
        Assert.Equal("Jan", jan.Attributes["firstName"]);
        Assert.Equal("jan@example.com", jan.Attributes["emailAddress"]);
    }

    [Fact]
    public void CreateOnly_creates_a_new_profile_and_an_existing_match_is_that_rows_conflict_error()
    {
        Seed();
        var rows = $"{Jan}, [pscustomobject]@{{ customerId = '10003'; lastName = 'New' }}";

        var result = Session.Run($"{rows} | Set-ActitoProfile -Table MyWebsiteProfiles -CreateOnly");

        Assert.Equal([2], result.Output.Select(o => (int)Rows.Property(o, "RowNumber")!));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoConflict,ActitoPS.Profiles.SetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Contains("drop -CreateOnly", error.ErrorDetails.RecommendedAction);
        Assert.Equal(3, Stored.Count);
        Assert.Contains(Calls(), c => c == "POST /profiles/v4/entity/MyEntity/table/MyWebsiteProfiles/profile");
        Assert.All(Emulator.Admin.GetRequestLog().Where(e => e.Method == "POST" && e.Path.EndsWith("/profile", StringComparison.Ordinal)), e => Assert.Equal("allowUpdate=false", e.Query.TrimStart('?')));
    }

    [Fact]
    public void Subscription_and_Segmentation_parameters_apply_to_every_row_with_the_consent_recorded()
    {
        Connect();

        Session.Run($"{Helene}, {Jan} | Set-ActitoProfile -Table MyWebsiteProfiles -Subscription @{{ Newsletter = $true; Promotions = 'no' }} -Segmentation @{{ ClientType = 'Silver' }} " +
                    "-DataCollectionSource 'Shop Leuven' -DataCollectionWay 'paper form' -DataCollectionDate ([datetime]'2026-11-02 14:05:00')").AssertClean();

        Assert.All(Stored, p =>
        {
            Assert.True(p.Subscriptions["Newsletter"]);
            Assert.False(p.Subscriptions["Promotions"]);
            Assert.Equal(["Silver"], p.Segmentations["ClientType"]);
            Assert.Equal(("Shop Leuven", "paper form", "2026-11-02 14:05:00"), (p.DataCollectionInformation!.Source, p.DataCollectionInformation.Way, p.DataCollectionInformation.Date));
        });
    }

    [Fact]
    public void A_Segmentation_parameter_replaces_a_rows_column_for_the_same_segmentation()
    {
        Connect();

        Session.Run("[pscustomobject]@{ customerId = '10005'; S_ClientType = 'Bronze' } | Set-ActitoProfile -Table MyWebsiteProfiles -Segmentation @{ ClientType = 'Gold' }").AssertClean();

        Assert.Equal(["Gold"], StoredCustomer("10005").Segmentations["ClientType"]);
    }

    [Fact]
    public void Property_and_ExcludeProperty_choose_the_columns_that_are_sent()
    {
        Connect();

        Session.Run($"{Helene} | Set-ActitoProfile -Table MyWebsiteProfiles -Property customerId, *Name, birth* -ExcludeProperty lastName").AssertClean();

        var helene = StoredCustomer("10001");
        Assert.Equal(["birthDate", "customerId", "firstName"], helene.Attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Add_and_Remove_ActitoSubscription_change_one_subscription_with_its_consent_record()
    {
        var ids = Seed();

        Session.Run($"Get-ActitoProfile MyWebsiteProfiles {ids[0]} | Add-ActitoSubscription -Subscription Newsletter, Promotions -DataCollectionSource Web -DataCollectionWay 'opt-in page'").AssertClean();
        var subscribed = StoredCustomer("10001");
        Session.Run($"Remove-ActitoSubscription MyWebsiteProfiles {ids[0]} Promotions -DataCollectionSource Web -DataCollectionWay 'opt-out link'").AssertClean();

        Assert.True(subscribed.Subscriptions["Newsletter"] && subscribed.Subscriptions["Promotions"]);
        var after = StoredCustomer("10001");
        Assert.True(after.Subscriptions["Newsletter"]);
        Assert.False(after.Subscriptions["Promotions"]);
        Assert.Equal(("Web", "opt-out link"), (after.DataCollectionInformation!.Source, after.DataCollectionInformation.Way));
        Assert.Contains(Calls(), c => c == $"DELETE /profiles/v4/entity/MyEntity/table/MyWebsiteProfiles/profile/{ids[0]}/subscription/Promotions");
    }

    [Fact]
    public void An_unknown_subscription_or_category_costs_no_call_and_names_it()
    {
        var ids = Seed();

        var subscription = Session.Run($"Add-ActitoSubscription MyWebsiteProfiles {ids[0]} Newsleter -DataCollectionSource Web -DataCollectionWay Form");
        var category = Session.Run($"Add-ActitoSegmentation MyWebsiteProfiles {ids[0]} ClientType Platinum");

        Assert.Contains("has no subscription 'Newsleter'. Its subscriptions: Newsletter, Promotions", Assert.Single(subscription.Errors).Exception.Message);
        Assert.Contains("has no category 'Platinum'. Its categories: Gold, Silver, Bronze", Assert.Single(category.Errors).Exception.Message);
        Assert.Empty(Calls());
    }

    [Fact]
    public void Add_and_Remove_ActitoSegmentation_change_a_profiles_membership()
    {
        var ids = Seed();

        var added = Session.Run($"Add-ActitoSegmentation -Table MyWebsiteProfiles -ProfileId {ids[1]} -Segmentation ClientType -Category Bronze").AssertClean();
        Assert.Equal(["Bronze"], StoredCustomer("10002").Segmentations["ClientType"]);
        Session.Run($"Remove-ActitoSegmentation -Table MyWebsiteProfiles -ProfileId {ids[1]} -Segmentation ClientType -Category Bronze").AssertClean();

        Assert.Equal("Added to ClientType: Bronze", Rows.Property(added.Output.Single(), "Change"));
        Assert.False(StoredCustomer("10002").Segmentations.ContainsKey("ClientType") && StoredCustomer("10002").Segmentations["ClientType"].Count > 0);
    }

    [Fact]
    public void Subscription_segmentation_and_key_names_complete_from_the_table()
    {
        Connect();

        IReadOnlyList<string> Complete(string line) =>
            Session.Run($"(TabExpansion2 -inputScript {Rows.Quote(line)} -cursorColumn {line.Length}).CompletionMatches.CompletionText").AssertClean().Text;

        Assert.Equal(["Newsletter"], Complete("Add-ActitoSubscription -Table MyWebsiteProfiles -ProfileId 1 -Subscription News"));
        Assert.Equal(["ClientType"], Complete("Add-ActitoSegmentation -Table MyWebsiteProfiles -ProfileId 1 -Segmentation Cl"));
        Assert.Equal(["customerId", "emailAddress"], Complete("Get-ActitoProfile -Table MyWebsiteProfiles -Key "));
    }

    [Fact]
    public void Past_a_thousand_rows_Set_ActitoProfile_warns_once_that_bulk_loads_are_for_volume()
    {
        Connect();

        var result = Session.Run("1..1005 | ForEach-Object { [pscustomobject]@{ customerId = \"$(50000 + $_)\" } } | Set-ActitoProfile -Table MyWebsiteProfiles -WhatIf").AssertClean();

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Start-ActitoEtl", warning.Message);
    }

    [Fact]
    public void Under_the_v5_profile_API_reads_use_the_v5_route_and_a_write_stops_with_one_error_that_says_why()
    {
        Seed();
        Session.Run(Emulator.ConnectScript("-ProfileApi V5") + " | Out-Null").AssertClean();
        Emulator.Admin.ClearRequestLog();

        var read = Session.Run("Get-ActitoProfile -Table MyWebsiteProfiles -Key emailAddress -Value helene@example.com").AssertClean();
        var write = Session.Catch($"{Jan}, {Helene} | Set-ActitoProfile -Table MyWebsiteProfiles");

        Assert.Equal(10001L, Rows.Property(read.Output.Single(), "customerId"));
        Assert.Contains(Calls(), c => c.StartsWith("GET /profiles/v5/entities/MyEntity/profile-tables/1/profiles/", StringComparison.Ordinal));
        Assert.Equal("ActitoApiRetired,ActitoPS.Profiles.SetActitoProfileCommand", write.FullyQualifiedErrorId);
        Assert.Contains("not published the v5 profile write calls", write.Exception.Message);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("POST", StringComparison.Ordinal) || c.StartsWith("PUT", StringComparison.Ordinal));
    }

    [Fact]
    public void When_Actito_has_retired_the_v4_profile_API_the_command_stops_once_and_names_the_way_forward()
    {
        var licence = Emulator.Admin.Licence;
        licence.RetiredApis = [RetiredApiNames.ProfilesV4];
        Emulator.Admin.LoadLicence(licence);
        try
        {
            Connect();
            var rows = string.Join(", ", Enumerable.Range(1, 20).Select(i => Rows.CsvRow(("customerId", (90000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))));

            var result = Session.Run($"@({rows}) | Set-ActitoProfile -Table MyWebsiteProfiles");
            var caught = Session.Catch($"@({rows}) | Set-ActitoProfile -Table MyWebsiteProfiles");

            // One error for the command, not one per row, and it ends the command (a catch block sees it).
            var stopped = Assert.Single(result.Errors);
            Assert.Equal("ActitoApiRetired,ActitoPS.Profiles.SetActitoProfileCommand", stopped.FullyQualifiedErrorId);
            Assert.Equal(stopped.FullyQualifiedErrorId, caught.FullyQualifiedErrorId);
            Assert.Contains("Start-ActitoEtl", stopped.Exception.Message);
            Assert.Empty(result.Output);
            Assert.True(Emulator.ProfileWrites().Count <= 10, $"{Emulator.ProfileWrites().Count} rows were sent in two runs: more than the 5 in flight each when the first 410 came.");
        }
        finally
        {
            Emulator.Admin.LoadLicence(Licence.Load(EmulatorFixture.SamplePath("licence.json")));
        }
    }

    [Fact]
    public void Every_new_output_type_renders_with_its_view_within_120_columns()
    {
        var ids = Seed();

        Session.Render("Get-ActitoProfileTable").AssertClean();
        Session.Render($"Get-ActitoProfile -Table MyWebsiteProfiles -ProfileId {ids[0]}").AssertClean();
        Session.Render($"Remove-ActitoProfile -Table MyWebsiteProfiles -ProfileId {ids[1]} -Force").AssertClean();

        var lines = Session.UI.Lines.Where(l => l.Trim().Length > 0).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Name\s+Id\s+Attributes\s+Subscriptions\s+Segmentations\s*$"));
        Assert.Contains(lines, l => l.StartsWith("MyWebsiteProfiles 1", StringComparison.Ordinal) && l.Contains("Newsletter, Promotions"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*ProfileId\s+Table\s+Attributes\s*$"));
        Assert.Contains(lines, l => l.Contains("MyWebsiteProfiles") && l.Contains("lastName=Dubois; firstName=Hélène"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^RowNumber\s+Table\s+ProfileId\s+Change\s*$"));
        Assert.Contains(lines, l => l.TrimEnd().EndsWith("Deleted", StringComparison.Ordinal));
        Assert.All(Session.UI.Lines, l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }
}
