// The tests register the gs scheme in the process-wide ObjectStores registry: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
