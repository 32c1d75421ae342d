# A replication task whose table mappings live in Terraform, as most do.
resource "aws_dms_replication_task" "hr" {
  replication_task_id      = "hr-full-load"
  migration_type           = "full-load"
  replication_instance_arn = var.replication_instance_arn
  source_endpoint_arn      = var.source_endpoint_arn
  target_endpoint_arn      = var.target_endpoint_arn

  table_mappings = jsonencode({
    rules = [
      {
        rule-type      = "selection"
        rule-id        = "1"
        rule-name      = "all-of-hr"
        object-locator = { schema-name = var.source_schema, table-name = "%" }
        rule-action    = "include"
      },
      {
        rule-type      = "selection"
        rule-id        = "2"
        rule-name      = "skip-temporary-tables"
        object-locator = { schema-name = "HR", table-name = "TMP_%" }
        rule-acton     = "exclude"
      },
    ]
  })
}

variable "source_schema" {
  default = "HR"
}
