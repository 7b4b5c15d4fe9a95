"""Policy outreach (政策宣传, plan ch.4.2): campaigns, their delivery to every village and
household, text messages through a pluggable sender, and coverage against the registry.

- `choices`: kinds, channels, reach methods and results;
- `models`: Campaign, VillageDelivery, HouseholdReach, HouseholdContact (encrypted phone),
  SmsBatch (imported from labour.models, so the app's migrations hold them);
- `coverage`: pure functions: villages and households reached of those registered;
- `phones`: mobile numbers parsed and normalised (pure);
- `sms`: the sender interface, the default FileBatchSender and the RecordingSender test double;
- `filters`, `selectors`: the lists (campaigns, villages and households with their reach);
- `services`: campaigns, deliveries, visits, contacts (audited reveal), SMS batches;
- `imports`: the SMS platform's delivery report (`xiezuo import_sms_report`).
"""
