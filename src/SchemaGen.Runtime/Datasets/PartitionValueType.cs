namespace SchemaGen.Datasets;

/// <summary>The type Spark's partition discovery gives a partition folder's value, as far as a feature's kind depends on it.</summary>
internal enum PartitionValueType
{
    /// <summary><c>__HIVE_DEFAULT_PARTITION__</c>: a null, the feature left out.</summary>
    Null,

    /// <summary>IntegerType or LongType: an Int64List.</summary>
    Integer,

    /// <summary>DecimalType (a whole number beyond a long): a FloatList, as spark-tfrecord writes decimals.</summary>
    Decimal,

    /// <summary>DoubleType: a FloatList, narrowed to float32 as spark-tfrecord writes doubles.</summary>
    Double,

    /// <summary>StringType (and dates and timestamps, which spark-tfrecord cannot write): a BytesList of the text.</summary>
    Text,
}
