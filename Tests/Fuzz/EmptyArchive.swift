// Stands in for the generated file of the EmbedBlueprints plugin: the fuzz build embeds no blueprint.
let archive: [EmbeddedFile] = []
