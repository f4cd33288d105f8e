import { generateIdentity, identityToRecipient } from 'age-encryption';
for (let i = 0; i < 2; i++) console.log(await identityToRecipient(await generateIdentity()));
