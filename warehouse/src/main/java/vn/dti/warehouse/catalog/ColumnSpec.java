package vn.dti.warehouse.catalog;

import java.util.Objects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * One documented column.
 *
 * @param name the column name (English, snake case)
 * @param type the Spark type
 * @param nullability whether nulls are allowed
 * @param descriptionEn what the column holds, in English
 * @param descriptionVi the same in Vietnamese, for the data dictionary the analysts read
 */
public record ColumnSpec(
    String name,
    DataType type,
    Nullability nullability,
    String descriptionEn,
    String descriptionVi) {

  /** Whether a column accepts nulls. */
  public enum Nullability {
    REQUIRED,
    OPTIONAL
  }

  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(nullability, "nullability");
    Objects.requireNonNull(descriptionEn, "descriptionEn");
    Objects.requireNonNull(descriptionVi, "descriptionVi");
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("column name must be lower snake case: " + name);
    }
  }

  /** A column that never holds null. */
  public static ColumnSpec required(String name, DataType type, String en, String vi) {
    return new ColumnSpec(name, type, Nullability.REQUIRED, en, vi);
  }

  /** A column that may hold null. */
  public static ColumnSpec optional(String name, DataType type, String en, String vi) {
    return new ColumnSpec(name, type, Nullability.OPTIONAL, en, vi);
  }

  /**
   * The Spark field, carrying both descriptions as metadata ({@code comment} is the English one).
   */
  public StructField field() {
    Metadata md =
        new MetadataBuilder()
            .putString("comment", descriptionEn)
            .putString("comment_vi", descriptionVi)
            .build();
    return new StructField(name, type, nullability == Nullability.OPTIONAL, md);
  }
}
