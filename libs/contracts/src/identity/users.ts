import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import type { UserDto } from './auth.js';

/** Tenancy's member list: the users behind membership ids. Unknown ids are simply absent from the reply. */
export class LookupUsersRequest {
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(128, { each: true }) userIds!: string[];
}

export interface LookupUsersReply {
  data: UserDto[];
}
