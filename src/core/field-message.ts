/**
 * A refusal about one field reads "field: reason". The API keeps the field's code in the message
 * (a client may show only the message); a form showing it at the field drops the code.
 */

/** "field: reason", as every validation message about one field is written. */
export function fieldMessage(field: string, reason: string): string {
  return `${field}: ${reason}`;
}

/** The reason of a message about `field`, without the field's code; other messages as they are. */
export function reasonAtField(message: string, field: string | undefined): string {
  if (field === undefined || field === "") return message;
  const prefix = fieldMessage(field, "");
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
