import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable } from './common.js';

const NOT_BLANK = /\S/;

/** POST /applications */
export class CreateApplicationRequest {
  @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
}

/** GET|DELETE /applications/{id} */
export class ApplicationIdRequest {
  @IsString() @MaxLength(64) id!: string;
}

/** PATCH /applications/{id} */
export class UpdateApplicationRequest extends ApplicationIdRequest {
  @IsOmittable() @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
}

export interface ApplicationDto {
  id: string;
  object: 'application';
  name: string;
  isDefault: boolean;
  createdAt: string;
}

/** Reply of DELETE /applications/{id} (the gateway may answer 204 instead). */
export interface ApplicationDeletedReply {
  id: string;
  object: 'application';
  deleted: true;
}
