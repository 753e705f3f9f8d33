package vn.dti.warehouse.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table of the warehouse as the catalog declares it.
 *
 * @param layer the layer, which is also the first part of the name
 * @param entity the second part of the name: {@code dossier} in {@code silver.dossier}
 * @param grain what one row is: "one row per dossier"
 * @param columns the documented columns, in storage order
 * @param partitionColumns the partition columns (a subset of {@code columns}), possibly empty
 * @param keyColumns the columns that identify a row, possibly empty for append-only logs
 * @param statsColumns the columns whose minimum and maximum Delta records per file, for skipping
 *     files; empty for Delta's default (the first 32 columns). A table rewritten in bulk every
 *     night names only the columns its readers select by: the statistics of the others cost writing
 *     time and skip nothing.
 */
public record TableSpec(
    Layer layer,
    String entity,
    String grain,
    List<ColumnSpec> columns,
    List<String> partitionColumns,
    List<String> keyColumns,
    List<String> statsColumns) {

  public TableSpec {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(grain, "grain");
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
    keyColumns = List.copyOf(keyColumns);
    statsColumns = List.copyOf(statsColumns);
    Set<String> names = new HashSet<>();
    for (ColumnSpec c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException(
            layer.folder() + "." + entity + ": duplicate column " + c.name());
      }
    }
    for (String c : partitionColumns) {
      if (!names.contains(c)) {
        throw new IllegalArgumentException(
            layer.folder() + "." + entity + ": unknown partition column " + c);
      }
    }
    for (String c : keyColumns) {
      if (!names.contains(c)) {
        throw new IllegalArgumentException(
            layer.folder() + "." + entity + ": unknown key column " + c);
      }
    }
    for (String c : statsColumns) {
      if (!names.contains(c) || partitionColumns.contains(c)) {
        throw new IllegalArgumentException(
            layer.folder()
                + "."
                + entity
                + ": statistics column "
                + c
                + " is unknown or a partition column");
      }
    }
  }

  /** A table with Delta's default statistics (the first 32 columns). */
  public TableSpec(
      Layer layer,
      String entity,
      String grain,
      List<ColumnSpec> columns,
      List<String> partitionColumns,
      List<String> keyColumns) {
    this(layer, entity, grain, columns, partitionColumns, keyColumns, List.of());
  }

  /** The same table with file statistics on {@code names} only. */
  public TableSpec withStatsColumns(String... names) {
    return new TableSpec(
        layer, entity, grain, columns, partitionColumns, keyColumns, List.of(names));
  }

  /** The logical name: {@code silver.dossier}. */
  public String name() {
    return layer.folder() + "." + entity;
  }

  /** The Spark schema, columns in declared order. */
  public StructType schema() {
    return new StructType(columns.stream().map(ColumnSpec::field).toArray(StructField[]::new));
  }

  /** The names of the columns, in declared order. */
  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The column of that name, if declared. */
  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return name();
  }
}
