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
 */
public record TableSpec(
    Layer layer,
    String entity,
    String grain,
    List<ColumnSpec> columns,
    List<String> partitionColumns,
    List<String> keyColumns) {

  public TableSpec {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(grain, "grain");
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
    keyColumns = List.copyOf(keyColumns);
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
