// The tests register stores in the process-wide ObjectStores registry and restart servers: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
