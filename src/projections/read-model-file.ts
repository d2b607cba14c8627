/** The read database's file name in DATA_DIR, shared by the service and the rebuild command. */
export const READ_MODEL_FILE = 'read-models.sqlite';
